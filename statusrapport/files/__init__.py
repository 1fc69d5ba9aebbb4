"""Files written safely."""

"""The package writer: the one place that touches python-pptx.

    template      open the template, check it has what the deck needs, read its geometry
    deck          render: walk the plan, one slide part per slide, then the package
    slide         a slide part whose XML is written from its plan as the package is saved
    placeholders  the layout's title, body and slide-number placeholders on a slide
    text          text frames, paragraphs, runs and text boxes
    table         tables
    shapes        native shapes without text (markers, lines, grid)
    chart         the cost chart, its embedded workbook and its graphic frame
    markup        what the DrawingML writers share: namespaces, colours, escaping, positions
    package       the byte-reproducible zip and the document properties
"""

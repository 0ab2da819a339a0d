"""The HTTP layer: the FastAPI app, one router per resource, wire models, pages and the PDF sheet.

It sits on top of the library (engine, store, service) and is never imported by it.
"""

"""Web dashboard and REST API (FastAPI + Jinja2, every asset inside the package).

from ontrack.web import create_app
app = create_app("ontrack.db")          # uvicorn.run(app)
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]

"""Earshot: hear what people say about a brand and answer the most urgent first."""

__version__ = "0.1.0"
APP_NAME = "Earshot"
APP_ID = "earshot"

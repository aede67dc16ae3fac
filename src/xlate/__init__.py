"""xlate: Vietnamese news articles to reviewed English editions, offline."""

__version__ = "0.1.0"

"""KSE API: per-seller API keys, the key-authenticated JSON endpoints for a forwarder's system, their rate limit."""

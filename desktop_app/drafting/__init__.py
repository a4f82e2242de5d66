"""Reply drafting: templates, rendering, channel limits, tone checks, response tracking and an optional
model client. Pure Python, no Qt; only model_client touches the network, and only when a caller asks."""

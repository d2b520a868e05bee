"""The demo observatory: a deterministic slice of the Ocean Networks Canada network and its data."""

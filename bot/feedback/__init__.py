"""Residents' priorities and complaints relayed to the borough team, and the team's answers."""

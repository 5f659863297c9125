"""Semantic retrieval: sentence embeddings beside the lexical index.

Residents describe situations in their own words ("my partner reads all my messages and won't let
me see my mates") that share no word with the entry that answers them (coercive control). A
sentence-embedding model places both near each other; its similarity is fused with the lexical
score, which stays the better signal for exact names, numbers and typos of rare words.

Nothing here is required: without the model the bot serves lexically and says so once.
"""

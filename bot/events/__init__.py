"""Community engagement events: the store, the comms team's file and police.uk imports, lists
and questions for residents, reminders, calendar files, and officers' additions and cancellations.
"""

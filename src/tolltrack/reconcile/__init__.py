"""The reconcile stage: an incident's claims become low / best / high figures with reasons."""

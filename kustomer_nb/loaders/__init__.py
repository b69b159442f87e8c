"""Loaders: Kustomer resources as typed DataFrames, one row per object."""

from kustomer_nb.loaders.conversations import load_conversations
from kustomer_nb.loaders.customers import load_customers
from kustomer_nb.loaders.klasses import load_klass, load_klasses
from kustomer_nb.loaders.queues import load_queues
from kustomer_nb.loaders.teams import load_teams
from kustomer_nb.loaders.users import load_users

__all__ = [
    "load_conversations",
    "load_customers",
    "load_klass",
    "load_klasses",
    "load_queues",
    "load_teams",
    "load_users",
]

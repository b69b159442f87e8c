"""The public namespace is deliberate: every name in __all__ exists, and no more."""

import kustomer_nb as kn


def test_all__names_exist():
    missing = [name for name in kn.__all__ if not hasattr(kn, name)]
    assert missing == []


def test_all__is_sorted_and_unique():
    names = [name for name in kn.__all__ if name != "__version__"]
    assert names == sorted(set(names))


def test_all__covers_the_documented_surface():
    expected = {
        "connect",
        "load_conversations",
        "load_teams",
        "load_queues",
        "load_klasses",
        "load_klass",
        "load_customers",
        "join_names",
        "response_times",
        "summarize",
        "backlog",
        "read_orders",
        "join_orders",
        "data_checks",
        "KustomerError",
    }
    assert expected <= set(kn.__all__)

"""The analyses on a small graph whose answers were worked out by hand.

Organisations: municipality m with departments d1, d2, d3; association f (civil society);
company c (private); university u (academia). Persons p (role in d1 and f), q (role in d2),
k (member of f, role in m from 2024). Projects: x (q takes part, c leads; about t1),
y (d1 leads, u and f take part; about t1), v (d1 leads, d2 takes part), w (d2 and u, 2023-01-01
to 2025-03-01, in place pl), z (d3 and c, ended 2020-12-31, about t2). d1 collaborates with d2,
c with u.

As of 2024-06-01 the organisation ties are (reasons in braces):
  d1–f {p, y}   d1–u {y}   f–u {y}   c–d2 {x, through q}   c–u {direct}   d2–u {w}
  d1–d2 {direct, v}   f–m {k}
d3 has no tie (z has ended); m has one (through k).
"""

import subprocess
import sys
from datetime import date

import networkx as nx
import pytest

from samverkan import i18n
from samverkan.network import Network
from samverkan.network.boundaries import boundaries, ei_index
from samverkan.network.brokers import betweenness, brokerage, brokers, structural_holes
from samverkan.network.ties import tie_graph
from samverkan.records import Entity, Evidence, Records, Relation

AS_OF = date(2024, 6, 1)


@pytest.fixture(autouse=True)
def english():
    with i18n.use("en"):
        yield


def E(id, type, **kw):
    return Entity(id=id, name=id.upper(), type=type, **kw)


def R(a, rel, b, **kw):
    return Relation(a, rel, b, **kw)


@pytest.fixture(scope="module")
def records():
    return Records(
        entities=[
            E("m", "municipality"),
            E("d1", "department", part_of="m"),
            E("d2", "department", part_of="m"),
            E("d3", "department", part_of="m"),
            E("f", "civil_society"),
            E("c", "company"),
            E("u", "research"),
            E("p", "person"),
            E("q", "person"),
            E("k", "person"),
            E("x", "project"),
            E("y", "project"),
            E("v", "project"),
            E("w", "project", start=date(2023, 1, 1), end=date(2025, 3, 1)),
            E("z", "project", end=date(2020, 12, 31)),
            E("t1", "theme"),
            E("t2", "theme"),
            E("pl", "place"),
        ],
        relations=[
            R("p", "holds_role_in", "d1"),
            R("p", "member_of", "f"),
            R("q", "holds_role_in", "d2"),
            R("k", "member_of", "f"),
            R("k", "holds_role_in", "m", start=date(2024, 1, 1)),
            R("q", "participates_in", "x"),
            R("c", "leads", "x"),
            R("d1", "leads", "y", evidence=[Evidence("s.txt", "d1 leder y")]),
            R("u", "participates_in", "y"),
            R("y", "initiated_by", "f"),
            R("d1", "leads", "v"),
            R("d2", "participates_in", "v"),
            R("d2", "participates_in", "w"),
            R("u", "participates_in", "w"),
            R("d3", "participates_in", "z"),
            R("c", "participates_in", "z"),
            R("d1", "collaborates_with", "d2"),
            R("u", "collaborates_with", "c"),
            R("x", "about_theme", "t1"),
            R("y", "about_theme", "t1"),
            R("z", "about_theme", "t2"),
            R("w", "located_in", "pl"),
            R("d1", "part_of", "m"),
            R("d2", "part_of", "m"),
            R("d3", "part_of", "m"),
        ],
    )


@pytest.fixture(scope="module")
def g(records):
    return tie_graph(records, AS_OF)


def edges(g):
    return {
        tuple(sorted((a, b))): sorted((r["kind"], r["id"]) for r in d["reasons"])
        for a, b, d in g.edges(data=True)
    }


def test_tie_graph_reasons_interlock_and_person_involvement(g):
    assert edges(g) == {
        ("d1", "f"): [("person", "p"), ("project", "y")],
        ("d1", "u"): [("project", "y")],
        ("f", "u"): [("project", "y")],
        ("c", "d2"): [("project", "x")],  # q's part in x counts for q's department d2
        ("c", "u"): [("direct", "collaborates_with")],
        ("d2", "u"): [("project", "w")],
        ("d1", "d2"): [("direct", "collaborates_with"), ("project", "v")],
        ("f", "m"): [("person", "k")],  # interlock: k in m and in f
    }
    assert g.edges["d1", "d2"]["weight"] == 2
    assert set(g.nodes) == {"m", "d1", "d2", "d3", "f", "c", "u"}
    assert g.nodes["d2"]["organisation"] == "m" and g.nodes["d2"]["sector"] == "public"
    assert g.nodes["d2"]["level"] == "local" and g.nodes["u"]["level"] == "academia"
    assert g.nodes["d2"]["place"] == "pl"
    assert g.edges["d1", "f"]["evidence"]["y"][0]["quote"] == "d1 leder y"


def test_as_of_counts_only_what_holds_that_day(records):
    past = edges(tie_graph(records, date(2020, 6, 1)))
    assert past[("c", "d3")] == [("project", "z")]  # z still running
    assert ("d2", "u") not in past  # w starts 2023
    assert ("f", "m") not in past  # k's role in m starts 2024


def test_person_level_keeps_persons_as_nodes(records):
    gp = tie_graph(records, AS_OF, level="person")
    assert edges(gp)[("c", "q")] == [("project", "x")]
    assert edges(gp)[("d2", "q")] == [("direct", "holds_role_in")]
    assert gp.nodes["q"]["sector"] == "public" and gp.nodes["q"]["organisation"] == "m"


def test_ei_index_overall_and_per_cell(g):
    result = boundaries(g, "sector", permutations=200, seed=1)
    # 8 edges, only d1–d2 inside a cell: E = 7, I = 1, (7 − 1) / 8
    assert result["ei_index"] == pytest.approx(0.75)
    public = result["cells"]["public"]
    # public: m, d1, d2, d3; inside d1–d2; across d1–f, d1–u, c–d2, d2–u, f–m: (5 − 1) / 6
    assert (public["members"], public["internal"], public["external"]) == (4, 1, 5)
    assert public["ei_index"] == pytest.approx(4 / 6)
    assert result["cells"]["academia"] == {"members": 1, "internal": 0, "external": 4, "ei_index": 1.0}
    assert result["matrix"]["public"] == {"academia": 2, "civil_society": 2, "private": 1, "public": 1}
    assert sum(t["cross"] for t in result["ties"]) == 7
    assert boundaries(g, "sector", permutations=200, seed=1)["p_value"] == result["p_value"]
    assert -1 <= result["expected"] <= 1


def test_the_expected_index_is_the_mean_over_random_labellings(g):
    """Each tie joins two distinct nodes; with the labels shuffled, they are in one cell with
    probability sum n_c (n_c - 1) / (n (n - 1)), so the expected E-I index is 1 - 2 that."""
    result = boundaries(g, "sector", permutations=20000, seed=3)
    sizes = [cell["members"] for cell in result["cells"].values()]  # 4, 1, ... (checked above)
    n = sum(sizes)
    same = sum(k * (k - 1) for k in sizes) / (n * (n - 1))
    assert result["expected"] == pytest.approx(1 - 2 * same, abs=0.01)


def test_a_matrix_of_many_cells_keeps_only_the_pairs_with_ties(g, monkeypatch):
    """Above DENSE_CELLS cells (organisations at national scale) the matrix is sparse: the same
    counts as the dense one, without the zeros."""
    import samverkan.network.boundaries as b

    dense = boundaries(g, "sector", permutations=0)["matrix"]
    monkeypatch.setattr(b, "DENSE_CELLS", 2)
    sparse = boundaries(g, "sector", permutations=0)["matrix"]
    assert sparse == {a: {c: n for c, n in row.items() if n} for a, row in dense.items()}
    assert sparse["public"] == {"academia": 2, "civil_society": 2, "private": 1, "public": 1}
    assert all(0 not in row.values() for row in sparse.values())


def test_ei_index_by_organisation_leaves_out_nodes_without_value():
    g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    assert ei_index(g, {"a": "x", "b": "x", "c": "y"}) == 0.0  # c–d not counted: E = 1, I = 1


def test_gould_fernandez_roles_on_a_star():
    # broker b (cell A) with neighbours a1, a2 (A), c1, c2 (X), d (Y), none tied to another:
    # 10 pairs = coordinator (a1,a2) + itinerant (c1,c2) + 6 representative (a*, c*|d) + 2 liaison (c*, d)
    g = nx.star_graph(["b", "a1", "a2", "c1", "c2", "d"])
    cell = {"b": "A", "a1": "A", "a2": "A", "c1": "X", "c2": "X", "d": "Y"}
    assert brokerage(g, cell)["b"] == {"coordinator": 1, "itinerant": 1, "representative": 6, "liaison": 2}
    g.add_edge("c1", "d")  # a tie between two contacts removes that pair
    assert brokerage(g, cell)["b"]["liaison"] == 1


def test_betweenness_constraint_effective_size_on_a_path():
    g = nx.path_graph(["a", "b", "c"])
    assert betweenness(g) == {"a": 0.0, "b": 1.0, "c": 0.0}
    holes = structural_holes(g)
    assert holes["b"] == pytest.approx((0.5, 2.0))  # 2 × (1/2)², two non-redundant contacts
    assert holes["a"] == pytest.approx((1.0, 1.0))
    assert brokers(g, top=1)[0]["id"] == "b"


def test_effective_size_counts_the_ties_among_contacts_in_a_triangle():
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("b", "d")])
    holes = structural_holes(g)
    # b: 3 contacts, 1 tie among them (a–c): 3 − 2·1/3; constraint (1/3 + 1/3·1/2)² × 2 + (1/3)²
    assert holes["b"] == pytest.approx((11 / 18, 7 / 3))
    assert holes["a"][1] == pytest.approx(1.0) and holes["d"][1] == pytest.approx(1.0)  # 2 − 2·1/2; 1


def test_igraph_comes_without_matplotlib_and_matplotlib_still_comes_whole():
    code = (
        "import sys\n"
        "from samverkan.network.igraph_core import ig\n"
        "print('matplotlib' in sys.modules, ig.Graph([(0, 1), (1, 2)]).betweenness())\n"
        "import matplotlib.pyplot as plt\n"
        "print(type(plt.figure()).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["False [0.0, 1.0, 0.0]", "Figure"]


def test_sampled_betweenness_equals_exact_when_every_source_is_sampled():
    g = nx.gnm_random_graph(40, 90, seed=2)
    exact = nx.betweenness_centrality(g)
    assert betweenness(g, sample=40) == pytest.approx(exact)


def by_kind(records, kind):
    return [(x["entities"], x["detail"]) for x in Network(records, AS_OF).gaps([kind])]


def test_silo_pairs(records):
    assert [e for e, _ in by_kind(records, "silo_pair")] == [["d1", "d3", "m"], ["d2", "d3", "m"]]


def test_sector_gap_names_the_missing_sectors(records):
    found = Network(records, AS_OF).gaps(["sector_gap"])
    # t1: x (d2, c) and y (d1, u, f) cover every sector; pl: w has d2 (public) and u (academia)
    assert [(x["entities"], x["missing_sectors"]) for x in found] == [(["pl"], ["private", "civil_society"])]
    assert "no private or civil society organisation works on the place PL" in found[0]["detail"]


def test_single_sector_project(records):
    assert [e for e, _ in by_kind(records, "single_sector_project")] == [["v", "d1", "d2"]]


def test_bridge_articulation_point_key_person_isolated(records):
    assert [e for e, _ in by_kind(records, "bridge")] == [["f", "m"]]
    assert by_kind(records, "articulation_point") == [(["f"], "F holds 2 parts of the network together")]
    assert by_kind(records, "key_person") == [(["k", "f", "m"], "K is the only link between F and M")]
    # d3 has no tie; m has one, and a top organisation whose units have ties is not isolated anyway
    assert [e for e, _ in by_kind(records, "isolated")] == [["d3"]]


def test_suggested_partners_share_a_theme_but_no_tie(records):
    found = Network(records, AS_OF).gaps(["suggested_partner"])
    # t1 is worked on by c, d1, d2, f, u: untied pairs across top organisations, 1 / ln(6) each
    assert [x["entities"] for x in found] == [["c", "d1"], ["c", "f"], ["d2", "f"]]
    assert found[0]["score"] == pytest.approx(0.5581, abs=1e-4)


def test_fading_and_lost_ties(records):
    assert by_kind(records, "fading_tie") == [
        (["d2", "u"], "the tie between D2 and U ends on 2025-03-01 unless someone renews it")
    ]
    assert by_kind(records, "lost_tie") == [
        (["c", "d3"], "C and D3 worked together until 2020-12-31 and have no tie now")
    ]


def test_the_top_gaps_are_the_head_of_every_gap_ranked(records):
    # kinds whose findings all score the same are not looked for once enough findings outrank
    # them; the top N must still be the first N of the whole ranked list, whatever N
    every = Network(records, AS_OF).gaps()
    fixed = [f for f in every if f["kind"] in ("lost_tie", "fading_tie", "isolated", "single_sector_project")]
    assert fixed and len(every) > 10
    for top in range(1, len(every) + 2):
        found = Network(records, AS_OF).gaps(top=top)
        assert [(f["kind"], f["entities"]) for f in found] == [
            (f["kind"], f["entities"]) for f in every[:top]
        ]


def test_unknown_gap_kind_is_refused(records):
    with pytest.raises(ValueError, match="unknown gap kind 'silos'"):
        Network(records, AS_OF).gaps(["silos"])


def test_weighted_ei_index_counts_each_tie_by_its_reasons(g):
    # d1–f and d1–d2 weigh 2: E = 2 + 6 × 1 = 8 across, I = 2 inside (d1–d2): (8 − 2) / 10
    result = boundaries(g, "sector", permutations=50, weighted=True)
    assert result["ei_index"] == pytest.approx(0.6) and result["weighted"] is True
    assert result["cells"]["public"]["internal"] == 2
    assert ei_index(g, {n: s for n, s in g.nodes(data="sector")}, weight="weight") == pytest.approx(0.6)


def test_brokers_give_raw_and_normalised_betweenness():
    (b,) = brokers(nx.path_graph(["a", "b", "c"]), top=1)
    assert (b["betweenness_raw"], b["betweenness"], b["betweenness_scale"]) == (1.0, 1.0, "normalised")
    # a–b–c–d: b lies between a–c and a–d: raw 2, of (4 − 1)(4 − 2)/2 = 3 pairs
    top = brokers(nx.path_graph(["a", "b", "c", "d"]), top=1)[0]
    assert top["id"] == "b" and top["betweenness_raw"] == 2.0 and top["betweenness"] == pytest.approx(2 / 3)


def test_cuts_agree_with_networkx_and_count_the_parts():
    from samverkan.network.cuts import cuts

    for seed in range(5):
        g = nx.gnm_random_graph(60, 62, seed=seed)
        bridges, points = cuts(g)
        assert set(bridges) == {tuple(sorted(e)) for e in nx.bridges(g)}
        assert set(points) == set(nx.articulation_points(g))
        for (a, b), sides in bridges.items():
            h = g.copy()
            h.remove_edge(a, b)
            assert sides == (len(nx.node_connected_component(h, a)), len(nx.node_connected_component(h, b)))
        for v, parts in points.items():
            h = g.subgraph(nx.node_connected_component(g, v) - {v})
            assert sorted(parts) == sorted(len(c) for c in nx.connected_components(h))


def test_betweenness_from_many_sources_counted_in_two_processes_equals_one_count(monkeypatch):
    """From ``SPLIT_FROM`` sources a forked copy counts half of them; the sum is igraph's count
    over all of them in one call (here 300 sources of a 600-node graph)."""
    import os

    from samverkan.network.brokers import SPLIT_FROM, _igraph, from_sources

    forks = []
    monkeypatch.setattr(os, "fork", lambda fork=os.fork: forks.append(1) or fork())

    g = nx.gnm_random_graph(600, 1500, seed=3)
    h, _nodes = _igraph(g)
    sources = list(range(0, 600, 2))
    assert len(sources) >= SPLIT_FROM
    one = h.betweenness(directed=False, sources=sources, targets=None)
    assert from_sources(h, sources) == pytest.approx(one, rel=1e-12)
    assert forks == [1]
    assert sum(one) > 0 and from_sources(h, sources[:10]) == h.betweenness(
        directed=False, sources=sources[:10]
    )

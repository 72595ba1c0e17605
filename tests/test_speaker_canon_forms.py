"""Speaker canonical names without what only describes or places a source (session 10),
one German sentence of our own per rule."""

from __future__ import annotations


def canon(nlp, text: str) -> list[str | None]:
    doc = nlp(text)
    return [s._.nk_speaker_canonical for s in doc.spans["quotes"]]


def test_deictic_adjective_is_no_part_of_a_name(nlp):
    out = canon(nlp, "Das hiesige Landesarbeitsgericht hatte entschieden, dass die Firma zahlen müsse.")
    assert out == ["Landesarbeitsgericht"]
    out = canon(nlp, "Die damalige Stadtverwaltung erklärte, die Brücke sei sicher.")
    assert out == ["Stadtverwaltung"]


def test_descriptive_adjective_before_a_proper_name_is_dropped(nlp):
    assert canon(nlp, "Die Verhandlungen seien gescheitert, meldete der britische Guardian.") \
        == ["Guardian"]


def test_descriptive_adjective_before_a_common_noun_stays(nlp):
    assert canon(nlp, "Die schwedische Regierung erklärte, man werde das Abkommen prüfen.") \
        == ["schwedische Regierung"]


def test_name_in_capitals_after_an_organisation_noun(nlp):
    out = canon(nlp, "Wie das Wochenblatt DIE ZEIT berichtet, plant die Regierung neue Steuern.")
    assert out == ["ZEIT"]  # a name starts with no article
    out = canon(nlp, "Laut einem Bericht der Zeitung TAGESPOST sind die Kosten gestiegen.")
    assert out == ["TAGESPOST"]


def test_bare_role_noun_goes_to_the_holder_named_before(nlp):
    text = ("Die Kommissarin für Verkehr, Lena Brandt, besuchte am Montag Lyon. "
            "Die Kommissarin sagte, der Ausbau der Strecke habe Vorrang.")
    assert canon(nlp, text) == ["Lena Brandt"]


def test_apposition_after_a_coordinated_field_of_office(nlp):
    text = ("Zuvor hatte der Beauftragte für Kultur und Medien, Tobias Rehm, erklärt, "
            "die Förderung werde verlängert.")
    assert canon(nlp, text) == ["Tobias Rehm"]


def test_holder_named_right_after_the_field_of_office(nlp):
    text = "Am Dienstag empfahl der Kommissar für Handel und Zölle Jan Novak, die Gespräche fortzusetzen."
    assert canon(nlp, text) == ["Jan Novak"]



def test_bare_institution_noun_takes_the_name_it_started(nlp):
    text = ("An der Universität Greifswald wurde ein Betrug aufgedeckt. Ein Doktorand hatte "
            "Messwerte erfunden. Die Universität teilte mit, man werde den Titel entziehen.")
    assert canon(nlp, text) == ["Universität Greifswald"]


def test_quoted_name_runs_to_its_closing_mark(nlp):
    text = "Wie die „Kampagne für saubere Flüsse“ mitteilte, seien zwanzig Aktivisten festgenommen worden."
    doc = nlp(text)
    (quote,) = doc.spans["quotes"]
    assert quote._.nk_speaker_canonical == "Kampagne für saubere Flüsse"


def test_examples_after_a_group_are_no_part_of_its_name(nlp):
    text = ("Die Veranstalter der Fachtagung, darunter der Verband Offene Daten, forderten, "
            "dass die Behörden ihre Statistiken freigeben.")
    assert canon(nlp, text) == ["Veranstalter der Fachtagung"]


def test_description_before_a_recognised_name_is_dropped(nlp):
    from spacy.tokens import Span

    from newskit.components.quotes.refine import phrase

    doc = nlp("von den radikalislamischen Taliban")
    doc.ents = [Span(doc, 3, 4, label="ORG")]
    assert phrase(list(doc[1:])) == "Taliban"

"""Gender of persons and speakers: one test per evidence type, sentences of our own."""

import pytest

from newskit.components.gender import decide, name_gender, noun_gender


@pytest.fixture(scope="module")
def nlp():
    import newskit

    return newskit.load_pipeline()


def _people(doc):
    return {e._.nk_canonical: (e._.nk_gender, e._.nk_gender_evidence)
            for e in doc.ents if e.label_ == "PER"}


def _speakers(doc):
    return [(q._.nk_speaker_canonical, q._.nk_speaker_gender, q._.nk_speaker_gender_evidence)
            for q in doc.spans["quotes"]]


def test_first_name_decides(nlp):
    doc = nlp("Gestern traf Petra Lindqvist den Bürgermeister. Lindqvist sagte, das Treffen sei gut gewesen.")
    assert _people(doc)["Petra Lindqvist"] == ("female", "first_name")
    assert ("Petra Lindqvist", "female", "first_name") in _speakers(doc)


def test_feminine_role_noun_bound_to_a_surname(nlp):
    doc = nlp("Die Staatssekretärin Okonkwo eröffnete die Messe. Okonkwo betonte, der Standort wachse.")
    assert _people(doc)["Okonkwo"] == ("female", "role_noun")


def test_masculine_role_noun_next_to_a_name_is_male(nlp):
    doc = nlp("Verkehrsminister Brandauer stellte den Plan vor.")
    assert _people(doc)["Brandauer"] == ("male", "role_noun")


def test_frau_and_herr(nlp):
    doc = nlp("Frau Wojcik widersprach. Herr Tamborini nickte.")
    people = _people(doc)
    assert people["Wojcik"] == ("female", "frau_herr")
    assert people["Tamborini"] == ("male", "frau_herr")


def test_pronoun_linked_to_the_speaker(nlp):
    doc = nlp("Der Vorschlag kam von Kowalczyk. Sie sagte, man müsse jetzt handeln.")
    assert _speakers(doc) == [("Kowalczyk", "female", "pronoun")]


def test_generic_masculine_alone_is_unknown(nlp):
    doc = nlp("Ein Sprecher des Ministeriums sagte, die Zahlen seien korrekt.")
    assert [s[1:] for s in _speakers(doc)] == [("unknown", "generic_masculine")]


def test_feminine_role_noun_alone_is_female(nlp):
    doc = nlp("Eine Sprecherin des Ministeriums sagte, die Zahlen seien korrekt.")
    assert [s[1:] for s in _speakers(doc)] == [("female", "role_noun")]


def test_organisation_speaker_has_no_gender(nlp):
    doc = nlp("Die Stadtverwaltung teilte mit, die Brücke bleibe gesperrt.")
    assert [s[1:] for s in _speakers(doc)] == [("", "")]


def test_lists_and_order():
    assert name_gender("Annalena") == "female" and name_gender("Olaf") == "male"
    assert name_gender("Andrea") is None  # listed for both genders
    assert noun_gender("Polizeisprecherin") == "female" and noun_gender("Polizeisprecher") is None
    assert noun_gender("Medizin") is None
    assert decide({"pronoun": {"female"}, "role_noun": {"male"}}).evidence == "role_noun"
    assert decide({"first_name": {"female", "male"}, "pronoun": {"male"}}).gender == "male"


def test_masculine_title_before_a_name_is_male(nlp):
    doc = nlp("Der Bergführer Quastenberg warnte vor Lawinen.")
    assert _people(doc)["Quastenberg"] == ("male", "role_noun")


def test_nominalised_adjective_takes_the_article_gender(nlp):
    doc = nlp("Der 61-Jährige sagte, er habe nichts gesehen.")
    assert _speakers(doc)[0][1:] == ("male", "role_noun")
    doc = nlp("Die Angeklagte erklärte, sie sei unschuldig.")
    assert _speakers(doc)[0][1:] == ("female", "role_noun")


def test_role_bound_by_comma_apposition_tells_the_gender(nlp):
    doc = nlp("Die Sprecherin des Vereins, Kim Okafor, sagte, man sei zufrieden.")
    assert _people(doc)["Kim Okafor"] == ("female", "role_noun")


def test_pronoun_resolved_to_an_unnamed_role_keeps_its_gender(nlp):
    doc = nlp("Eine Armeesprecherin erklärte, die Übung sei beendet. Sie sagte, es gebe "
              "keine Verletzten.")
    assert [g for _, g, _ in _speakers(doc)] == ["female", "female"]


def test_german_locales_decide_a_name_listed_for_both_genders():
    assert name_gender("Gerd") == "male"  # female in Norwegian lists, male in German ones
    assert name_gender("Mohammed") == "male"  # a hand-made fact: Faker lists it in Arabic script


def test_plural_masculine_group_has_no_gender(nlp):
    doc = nlp("Die Ermittler sagten, der Brand sei gelegt worden. Laut den Gutachtern war "
              "die Anlage veraltet.")
    assert [s[1:] for s in _speakers(doc)] == [("", ""), ("", "")]


def test_pronoun_for_an_unnamed_masculine_speaker(nlp):
    doc = nlp("Ein Sprecher der Stadtwerke sagte, dass die Leitung repariert werde. Er wisse "
              "nicht, wann das Wasser wieder fließe.")
    assert {s[1:] for s in _speakers(doc)} == {("male", "pronoun")}
    # without the pronoun the masculine role noun stays generic
    doc = nlp("Ein Sprecher der Stadtwerke sagte, dass die Leitung repariert werde.")
    assert [s[1:] for s in _speakers(doc)] == [("unknown", "generic_masculine")]


def test_er_prefers_a_person_named_after_an_unnamed_speaker(nlp):
    doc = nlp("Der Geschäftsführer des Verbands nannte den Plan „fahrlässig“. Jonas Berger "
              "vom Ministerium wies den Vorwurf zurück. Der Plan sei solide, sagte er.")
    assert _speakers(doc)[-1][0] == "Jonas Berger"


def test_feminine_candidate_and_commissioner_are_women(nlp):
    for text in ("Von der Partei erschien nicht die Spitzenkandidatin Jolande Brix.",
                 "Die EU-Kommissarin Jolande Brix sagte, das Abkommen sei fertig."):
        doc = nlp(text)
        person = next(e for e in doc.ents if e.label_ == "PER")
        assert person._.nk_gender == "female", text


def test_nominalised_adjective_role_bound_by_apposition_is_no_man(nlp):
    doc = nlp("Die Beauftragte für Kultur, Jolande Brix, sagte, das gehe nicht.")
    person = next(e for e in doc.ents if e.label_ == "PER")
    assert person._.nk_gender != "male"

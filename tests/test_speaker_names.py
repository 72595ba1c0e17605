"""Who a speaker is, by name: one sentence of our own per rule (issue 17)."""

from __future__ import annotations

import pytest

from newskit.lang.de.declension import nominative, readings, strong_adjective


def canon(nlp, text: str) -> list[str | None]:
    doc = nlp(text)
    return [s._.nk_speaker_canonical for s in doc.spans["quotes"]]


@pytest.mark.parametrize("words, tags, article, expected", [
    (["Roten", "Kreuzes"], ["ADJA", "NN"], "des", "Rotes Kreuz"),
    (["Kritikern"], ["NN"], None, "Kritiker"),
    (["dänische", "Wetteramt"], ["ADJA", "NN"], "das", "dänisches Wetteramt"),
    (["Grünen", "Jugend"], ["ADJA", "NN"], "der", "Grüne Jugend"),
    (["zuständigen", "Behörden"], ["ADJA", "NN"], "den", "zuständige Behörden"),
    (["Berliner", "Feuerwehr"], ["ADJA", "NN"], "der", "Berliner Feuerwehr"),
    (["Sprecher", "des", "Vereins"], ["NN", "ART", "NN"], "der", "Sprecher des Vereins"),
])
def test_phrases_in_the_nominative(words, tags, article, expected):
    assert " ".join(nominative(words, tags, article)) == expected


def test_compound_takes_the_declension_of_its_last_part():
    assert {r.nominative for r in readings("Tierschutzvereinen")} == {"Tierschutzvereine"}
    assert strong_adjective("alten", "m", False) == "alter"


def test_speaker_phrase_canonical_is_nominative(nlp):
    out = canon(nlp, "Nach Angaben des Bayerischen Roten Kreuzes wurden zwölf Menschen verletzt.")
    assert out == ["Bayerisches Rotes Kreuz"]


def test_comma_apposition_names_the_speaker(nlp):
    out = canon(nlp, "Der Sprecher des Landesverbands, Jonas Mehring, sagte, man sei zufrieden.")
    assert out == ["Jonas Mehring"]
    out = canon(nlp, "Karla Wendt, Sprecherin der Stadtwerke, erklärte, der Strom fließe wieder.")
    assert out == ["Karla Wendt"]


def test_role_attribute_person_is_not_the_apposition(nlp):
    out = canon(nlp, "Die Nachfolgerin der Bürgermeisterin Hanna Roth, Lea Brandt, sagte, "
                     "sie wolle sparen.")
    assert out == ["Lea Brandt"]


def test_name_after_a_medium_noun(nlp):
    assert canon(nlp, "Der Radiosender „Welle Nord“ berichtete, die Brücke sei gesperrt.") \
        == ["Welle Nord"]


def test_genitive_name_before_source_noun(nlp):
    out = canon(nlp, "Marta Kowalski leitet die Schule. Nach Kowalskis Angaben fehlen zwölf "
                     "Lehrer.")
    assert out == ["Marta Kowalski"]


def test_adjective_stays_with_compound_source(nlp):
    assert canon(nlp, "Nach französischen Polizeiangaben wurden drei Männer festgenommen.") \
        == ["französische Polizei"]


def test_role_bound_by_comma_apposition_resolves_later_mentions(nlp):
    text = ("Der Streit um den Bau geht weiter. Die Vorsitzende des Vereins, Ines Ahlers, "
            "hatte Klage eingereicht. Nach Angaben der Vorsitzenden des Vereins sind die Pläne "
            "rechtswidrig.")
    assert canon(nlp, text)[-1] == "Ines Ahlers"
    text = ("Tom Rieger, der Geschäftsführer der Werft, war nicht zu erreichen. Der "
            "Geschäftsführer sagte später, die Aufträge reichten bis 2030.")
    assert canon(nlp, text)[-1] == "Tom Rieger"


def test_acronym_defined_in_the_article(nlp):
    from newskit.components.entities.names import acronym_definitions

    doc = nlp("Das Bundesamt für Strahlenschutz (BfS) warnte vor Pilzen. Das BfS erklärte, "
              "die Werte seien gestiegen.")
    assert acronym_definitions(doc) == {"BfS": "Bundesamt für Strahlenschutz"}
    assert canon(nlp, doc.text)[-1] == "Bundesamt für Strahlenschutz"
    assert acronym_definitions(nlp("Er sagte (ARD) nichts.")) == {}
    doc = nlp("Die Nordsee Fischwerke AG (NF) meldete Kurzarbeit an.")
    assert acronym_definitions(doc) == {"NF": "Nordsee Fischwerke AG"}


def test_fragment_before_the_participle_takes_the_clause_subject(nlp):
    out = canon(nlp, "Die Ministerin Eva Lorenz hatte den Plan am Montag „ohne jede Eile“ "
                     "vorgestellt.")
    assert out == ["Eva Lorenz"]


def test_source_after_aus_with_verlauten(nlp):
    assert canon(nlp, "Aus Diplomatenkreisen verlautete, dass die Gespräche scheiterten.") \
        == ["Diplomatenkreise"]
    assert canon(nlp, "Wie aus Reihen des Landgerichts verlautete, ist der Termin verschoben.") \
        == ["Landgericht"]


def test_scare_quote_under_a_demonstrative_has_no_speaker(nlp):
    doc = nlp("Bisher ist das nur erlaubt, wenn man einen „wichtigen Grund“ nennt.")
    assert all(q._.nk_speaker_canonical is None for q in doc.spans["quotes"])


def test_coordinated_sources_are_named_together(nlp):
    assert canon(nlp, "Nach Angaben von AFP und Reuters wurden zwei Häuser zerstört.") \
        == ["AFP und Reuters"]
    assert canon(nlp, "Kultur- und Sportvereine kritisierten, die Hallen seien zu teuer.") \
        == ["Kultur- und Sportvereine"]


def test_bare_definite_noun_names_the_longer_phrase_before(nlp):
    text = ("Das niedersächsische Kultusministerium hat neue Regeln erlassen. Die Schulen "
            "hätten genug Zeit gehabt, so das Ministerium.")
    assert canon(nlp, text)[-1] == "niedersächsisches Kultusministerium"


def test_possessive_before_source_noun_is_a_pronoun(nlp):
    text = ("Die Ärztin Mira Sommer behandelt seit Jahren Kinder. Ihren Angaben zufolge "
            "fehlen im Kreis zwanzig Praxen.")
    assert canon(nlp, text)[-1] == "Mira Sommer"


@pytest.mark.parametrize("text, name", [
    ("Konzernchef Sean O’Brien sagte, die Zahlen seien gut.", "Sean O’Brien"),
    ("Präsident Inácio da Costa sagte, das Land sei bereit.", "Inácio da Costa"),
])
def test_person_names_with_particles_and_apostrophes(nlp, text, name):
    assert canon(nlp, text) == [name]


def test_particle_after_a_name_is_a_phrase_not_a_name(nlp):
    doc = nlp("Anna Weber von der SPD sagte, sie stimme zu.")
    assert [e.text for e in doc.ents if e.label_ == "PER"] == ["Anna Weber"]


def test_leading_wie_clause_frames_the_sentence(nlp):
    out = canon(nlp, "Wie Kreissprecherin Jana Brück mitteilte, ist die Straße nach Ansicht "
                     "der Polizei wieder sicher.")
    assert out == ["Jana Brück"]


def test_surname_that_is_also_a_noun_completes_a_first_name(nlp):
    doc = nlp("Wie Regierungssprecher Peter Bach mitteilte, ist der Plan fertig.")
    assert [e.text for e in doc.ents if e.label_ == "PER"] == ["Peter Bach"]


def test_postnominal_genitive_name_after_source_noun(nlp):
    assert canon(nlp, "Nach Auffassung Norwegens ist der Vertrag gültig.") == ["Norwegen"]


def test_quoted_title_after_the_phrase_head(nlp):
    assert canon(nlp, "Nach Angaben des Senders „Radio Eins“ wurde niemand verletzt.") \
        == ["Radio Eins"]


def test_role_noun_is_not_part_of_a_person_name(nlp):
    doc = nlp("Am Montag äußerte sich Kirchensprecher Ruiz-Pardo zu dem Treffen.")
    assert "Kirchensprecher" not in " ".join(e.text for e in doc.ents if e.label_ == "PER")


def test_pronoun_skips_persons_in_its_own_clause_and_in_phrases(nlp):
    text = ("Lena Vogt wurde 1970 geboren. Das von Kanzler Otto Brandt verkündete Ziel sollte "
            "sie erreichen. Zusammen mit ihrer Kollegin Maria Brenner erreichte sie 2001 den "
            "Gipfel und sagte: „Wir sind oben.“")
    assert canon(nlp, text)[-1] == "Lena Vogt"


def test_titles_are_not_part_of_a_name(nlp):
    doc = nlp("Ein Sprecher der Hafenbehörde, Captain Brian Doyle, sagte, das Schiff sei frei.")
    assert [e.text for e in doc.ents if e.label_ == "PER"] == ["Brian Doyle"]
    assert canon(nlp, doc.text) == ["Brian Doyle"]


def test_demonstrative_points_back_to_the_document(nlp):
    text = ("Die Initiative hat gestern das Strategiepapier veröffentlicht. In diesem wird "
            "erklärt, dass die Mieten weiter steigen.")
    assert canon(nlp, text)[-1] == "Strategiepapier"


def test_heisst_es_frames_a_report(nlp):
    doc = nlp("In der Mitteilung des Vereins heißt es, dass die Halle schließt.")
    quotes = list(doc.spans["quotes"])
    assert [q.text for q in quotes] == ["dass die Halle schließt"]
    assert quotes[0]._.nk_speaker_canonical == "Verein"  # the document stands for its author


def test_eigen_points_to_its_own_clause_subject(nlp):
    text = ("Die Polizei sperrte die Straße. Der Bürgermeister Jan Kolbe hat eigenen Angaben "
            "zufolge mehrere Drohbriefe erhalten.")
    assert canon(nlp, text)[-1] == "Jan Kolbe"


def test_lassen_carries_the_clause_and_prepositional_relative_subject(nlp):
    assert canon(nlp, "Außerdem ließ der Pressedienst des Senats verlauten, dass beraten "
                      "werde.") == ["Pressedienst des Senats"]
    doc = nlp("Jana Wolf gab ein Interview, in dem die Ministerin sagte, sie habe genug.")
    assert [q._.nk_speaker.text for q in doc.spans["quotes"]] == ["die Ministerin"]


def test_als_phrase_before_a_verb_second_cue_is_not_the_speaker(nlp):
    out = canon(nlp, "Als Ursache gab das Landesamt für Umwelt einen defekten Filter an.")
    assert out and out[0] is not None and out[0].startswith("Landesamt")
    out = canon(nlp, "Als die Bürgermeisterin Petra Wolters sagte, die Brücke bleibe gesperrt, "
                     "gab es Protest.")
    assert out == ["Petra Wolters"]


def test_ownerless_source_noun_inside_a_report_keeps_the_reporter(nlp):
    out = canon(nlp, "Die Sprecherin der Feuerwehr, Maren Kolbe, sagte am Abend, nach "
                     "vorläufigen Erkenntnissen habe ein Kurzschluss den Brand ausgelöst.")
    assert out == ["Maren Kolbe"]
    # with an owner the phrase still names its source
    out = canon(nlp, "Nach Angaben des Wetterdienstes fielen zwanzig Liter Regen.")
    assert out == ["Wetterdienst"]


def test_modified_role_resolves_to_the_only_holder_of_its_head(nlp):
    out = canon(nlp, "Am Montag hat Agrar-Staatssekretärin Helga Brenner Hilfen gefordert. "
                     "Die neue Staatssekretärin sagte, dass die Bauern warten müssten.")
    assert out[-1] == "Helga Brenner"
    # a nationality sets the office apart: not the other country's minister
    out = canon(nlp, "Gestern traf US-Außenminister Carl Hadley in Berlin ein. "
                     "Der deutsche Außenminister sagte, dass man sich einig sei.")
    assert out[-1] != "Carl Hadley"


def test_judges_speak_for_their_court(nlp):
    out = canon(nlp, "Das Landessozialgericht in Celle hat die Klage abgewiesen. Die Richter "
                     "erklärten, dass die Frist versäumt worden sei.")
    assert out == ["Landessozialgericht"]
    out = canon(nlp, "Die Richter des Verwaltungsgerichts Minden stellten klar, dass die "
                     "Gebühr zu hoch sei.")
    assert out and out[0].startswith("Verwaltungsgericht")


def test_judges_speak_for_the_court_the_article_is_about(nlp):
    out = canon(nlp, "Das Oberlandesgericht Hamm hob das Urteil auf. Das Oberlandesgericht "
                     "verwies dabei auf einen Fehler des Amtsgerichts. Die Richter sagten, "
                     "dass der Zeuge nicht gehört worden sei.")
    assert out == ["Oberlandesgericht Hamm"]


def test_organisation_kind_noun_points_back_to_the_last_organisation(nlp):
    out = canon(nlp, "Die Lindmark AG hat zwei Werke geschlossen. Das "
                     "Unternehmen teilte mit, dass 300 Stellen wegfielen.")
    assert out == ["Lindmark AG"]


def test_same_noun_points_back_to_the_name_after_its_phrase(nlp):
    out = canon(nlp, "Die Nachrichtenagentur Reuters meldete, der Hafen sei gesperrt. Laut "
                     "derselben Nachrichtenagentur sollen zwei Schiffe beschädigt sein.")
    assert out == ["Reuters", "Reuters"]
    out = canon(nlp, "Die britische Nachrichtenagentur Reuters veröffentlichte Bilder des "
                     "Hafens. Laut der gleichen Nachrichtenagentur sollen zwei Schiffe "
                     "beschädigt sein.")
    assert out == ["Reuters"]


def test_comma_inside_parentheses_does_not_start_a_clause(nlp):
    out = canon(nlp, "Karin Olsberg vom Landesamt für Statistik (LfS, Kamenz) sagte, die "
                     "Zahl der Geburten sei gestiegen.")
    assert out == ["Karin Olsberg"]


def test_der_before_a_feminine_noun_is_not_the_subject(nlp):
    out = canon(nlp, "Der örtlichen Zeitung sagte Jürgen Pohlmann: „Wir bauen das Haus neu auf.“")
    assert out == ["Jürgen Pohlmann"]


def test_institution_name_runs_over_its_field(nlp):
    out = canon(nlp, "Nach Angaben des Landesamts für Denkmalpflege und Archäologie wurde "
                     "das Grab im Mai entdeckt.")
    assert out == ["Landesamt für Denkmalpflege und Archäologie"]


def test_document_nouns_name_their_owner(nlp):
    out = canon(nlp, "Den Berechnungen des Statistischen Landesamts zufolge wuchs die "
                     "Bevölkerung um zwei Prozent.")
    assert out == ["Statistisches Landesamt"]


def test_compound_documents_and_kind_prefixes_name_their_source(nlp):
    out = canon(nlp, "Einem Strategiepapier des Landesverbands Bremen zufolge soll die "
                     "Mitgliederzahl steigen.")
    assert out == ["Landesverband Bremen"]
    out = canon(nlp, "Die Nordwerk AG hat ein Werk geschlossen. Nach Unternehmensangaben sind "
                     "300 Stellen betroffen.")
    assert out == ["Nordwerk AG"]


def test_adjective_and_head_point_back_to_a_compound(nlp):
    out = canon(nlp, "Das Bundesverfassungsgericht hat die Regel gekippt. Das höchste Gericht "
                     "erklärte, dass sie gegen das Grundgesetz verstoße.")
    assert out == ["Bundesverfassungsgericht"]
    out = canon(nlp, "Die Bundesregierung lehnte den Plan ab. Die britische Regierung "
                     "erklärte, dass sie zustimme.")
    assert out == ["britische Regierung"]

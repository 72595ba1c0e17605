"""Speaker canonical names: pronouns, anaphora and appositions, one German sentence of our
own per rule."""

from __future__ import annotations

from spacy.tokens import Span

from newskit.components.quotes.docindex import DocIndex
from newskit.components.quotes.mentions import resolve_mention


def canon(nlp, text: str) -> list[str | None]:
    doc = nlp(text)
    return [s._.nk_speaker_canonical for s in doc.spans["quotes"]]


def test_mislabelled_surname_with_a_persons_canonical_is_a_person(nlp):
    doc = nlp("Stefan Ziemendorff kam gestern an. Der Deutsche Ziemendorff lebt in Lima.")
    full = Span(doc, 0, 2, label="PER")
    short = Span(doc, 8, 9, label="LOC")  # the recogniser took the surname for a place
    doc.ents = [full, short]
    full._.nk_canonical = short._.nk_canonical = "Stefan Ziemendorff"
    index = DocIndex.build(doc)
    assert [name for _, name in index.persons] == ["Stefan Ziemendorff"] * 2


def test_apposition_after_a_doubled_space(nlp):
    out = canon(nlp, "Ihre Kollegin im Stadtrat,  Petra Hansen, sagte, der Haushalt sei "
                     "nicht zu retten.")
    assert out == ["Petra Hansen"]


def test_frameless_er_does_not_inherit_a_womans_words(nlp):
    out = canon(nlp, "Die Abgeordnete Julia Brandt sagte, das Gesetz gehe zu weit. Am Abend "
                     "verteidigte der Ausschussvorsitzende, Markus Feldmann, den Entwurf. Er "
                     "halte die Regeln für angemessen.")
    assert out[0] == "Julia Brandt" and out[-1] == "Markus Feldmann"


def test_demnach_names_the_subject_of_the_sentence_before(nlp):
    out = canon(nlp, "Der Bürgermeister Paul Weber besuchte am Montag die Baustelle. Am Dienstag "
                     "hat die Bauaufsicht Kassel ihren Prüfbericht vorgelegt. Demnach ist die "
                     "Brücke nicht mehr sicher.")
    assert out == ["Bauaufsicht Kassel"]


def test_rejected_reports_carry_the_claim_of_their_source(nlp):
    out = canon(nlp, "Die Ministerin hat Berichte der Wochenzeitung „Abendpost“ "
                     "zurückgewiesen, sie wolle im Herbst zurücktreten.")
    assert out == ["Abendpost"]


def test_rejected_reports_before_a_wonach_clause(nlp):
    out = canon(nlp, "Das Landratsamt hat Meldungen des Senders Radio Nord vom Montag, dem "
                     "4. Mai, zurückgewiesen, wonach die Schule geschlossen werden solle.")
    assert out == ["Radio Nord"]


def test_apposition_and_a_second_person_speak_together(nlp):
    out = canon(nlp, "Die Vorsitzende des Vereins, Petra Hansen, und Jonas Mehring, Sprecher "
                     "der Jugend, erklärten, das Fest falle aus.")
    assert out == ["Petra Hansen und Jonas Mehring"]


def test_bare_role_noun_goes_on_with_the_person_last_reported(nlp):
    out = canon(nlp, "„Die Lage ist ernst“, sagte Jonas Mehring. Viele Dörfer seien ohne "
                     "Strom, so der Mitarbeiter.")
    assert out == ["Jonas Mehring", "Jonas Mehring"]


def test_bare_feminine_role_noun_skips_a_man(nlp):
    out = canon(nlp, "Die Ärztin Julia Brandt lobte den Einsatz von Thomas Krause. Er habe "
                     "viele Leben gerettet, meint die 41-jährige Medizinerin.")
    assert out[-1] == "Julia Brandt"


def test_judges_court_without_a_noun_the_recogniser_added(nlp):
    out = canon(nlp, "Der Soldat hatte beim Bundesverwaltungsgericht Berufung eingelegt. In der "
                     "Begründung äußerten die Richter, der Krieg sei rechtswidrig gewesen.")
    assert out == ["Bundesverwaltungsgericht"]


def test_government_named_by_its_leader_is_the_government(nlp):
    out = canon(nlp, "Präsident Hugo Martens reiste ab. Offiziell teilte die Regierung Martens "
                     "mit, die Grenze bleibe offen.")
    assert out == ["Regierung Martens"]


def test_place_adjective_stays_with_the_organisation(nlp):
    doc = nlp("Das Kieler Innenministerium erklärte, von den Plänen nichts zu wissen.")
    org = Span(doc, 2, 3, label="ORG")  # the recogniser left the adjective out
    doc.ents = [org]
    org._.nk_canonical = "Innenministerium"
    assert resolve_mention(DocIndex.build(doc), doc[0:3], []) == "Kieler Innenministerium"


def test_frameless_report_passes_over_a_name_in_a_prepositional_phrase(nlp):
    out = canon(nlp, "Die Oppositionsführerin Maria Lindner schrieb am Montag einen Gastbeitrag. "
                     "Das Vorgehen der Regierung unter Präsident Karl Brenner nannte sie einen "
                     "Skandal. Die Wahl sei gefälscht worden.")
    assert out[-1] == "Maria Lindner"


def test_zufolge_takes_both_conjuncts(nlp):
    out = canon(nlp, "Der Sturm war Berichten der Sender ARD und ZDF zufolge bis "
                     "an die Küste zu spüren.")
    assert out == ["ARD und ZDF"]


def test_other_name_after_a_medium_noun_is_the_medium(nlp):
    doc = nlp("Der Fernsehsender Kanal Neun meldete, die Brücke sei gesperrt.")
    name = Span(doc, 2, 4, label="MISC")  # a channel taken for an "other" name
    doc.ents = [name]
    name._.nk_canonical = "Kanal Neun"
    assert resolve_mention(DocIndex.build(doc), doc[0:4], []) == "Kanal Neun"


def test_role_noun_with_a_genitive_name_is_not_that_person(nlp):
    out = canon(nlp, "Der Sänger Marco Bellini wurde verhaftet. Die Anwälte Bellinis erklärten, "
                     "er sei unschuldig.")
    assert out == ["Anwälte Bellinis"]


def test_family_name_first_takes_the_full_name(nlp):
    doc = nlp("Der Abgeordnete Wang Lei sprach am Montag. Wang sagte, die Reform komme.")
    names = {e.text: e._.nk_canonical for e in doc.ents if e.label_ == "PER"}
    assert names.get("Wang") == "Wang Lei"


def test_plural_sie_without_a_person_is_the_subject_before(nlp):
    out = canon(nlp, "Mitglieder der Initiative Saubere Luft haben heute das Rathaus besetzt. "
                     "Nun fordern sie, den Flughafen sofort zu schließen.")
    assert out == ["Mitglieder der Initiative Saubere Luft"]


def test_sie_in_a_subordinate_clause_is_the_organisation_of_its_main_clause(nlp):
    out = canon(nlp, "Die Verbraucherzentrale Bremen verschärfte ihre Kritik, indem sie "
                     "erklärte, die Preise seien nicht gerechtfertigt.")
    assert out == ["Verbraucherzentrale Bremen"]


def test_person_opening_a_sentence_takes_over_from_an_organisation(nlp):
    out = canon(nlp, "Der Mieterbund erklärte, der Plan sei zu teuer. Verbandschef Karl Brenner "
                     "begründete dies mit den Kosten. Außerdem sei der Plan rechtlich "
                     "fragwürdig.")
    assert out[0] == "Mieterbund" and out[-1] == "Karl Brenner"


def test_participle_tagged_finite_leaves_the_subject_in_the_vorfeld(nlp):
    doc = nlp("Brenner hatte besonders die Rolle der Landes- und Kreisverbände betont: „Ohne "
              "sie geht es nicht.“")
    spk = doc.spans["quotes"][0]._.nk_speaker
    assert spk is not None and spk.text == "Brenner"


def test_bare_document_noun_names_the_author_given_before(nlp):
    out = canon(nlp, "Die Zahlen stammen aus einer Studie der Universität Freiburg. Viele Kinder "
                     "lesen kaum noch. Jedes dritte Kind habe kein eigenes Buch, so die Studie.")
    assert out[-1] == "Universität Freiburg"


def test_passive_agent_is_no_prepositional_phrase_for_er(nlp):
    out = canon(nlp, "Pedro Alvarez baut dort Kaffee an. Geleitet wurde die Expedition von dem "
                     "Bergführer Manuel Ortega, der die Gegend gut kennt. Er sagte, der Weg sei "
                     "gefährlich.")
    assert out == ["Manuel Ortega"]


def test_alphanumeric_name_after_von_is_the_source(nlp):
    out = canon(nlp, "Nach Angaben von n24 blieb die Autobahn bis zum Abend gesperrt.")
    assert out == ["n24"]


def test_er_after_a_quotation_is_not_a_name_inside_it(nlp):
    out = canon(nlp, "Trainer Hans Berger stellt sich vor seinen Stürmer: „Rüdiger Kamp ist "
                     "immer noch der Beste. Wer das bestreitet, versteht nichts vom Fußball. "
                     "Die Schuld liegt allein bei uns“, wird der Österreicher im Fachblatt "
                     "„Sportwoche“ zitiert. Er glaubt, dass die Mannschaft gestärkt aus der "
                     "Krise kommt.")
    assert out[-1] == "Hans Berger"


def test_er_opening_a_sentence_is_the_person_who_was_its_subject_before(nlp):
    out = canon(nlp, "„Wir haben alles getan“, sagte Innenminister Paul Roth. Der "
                     "Gewerkschaftschef Anton Vogel betrachtet die Lage dagegen als ernst. Er "
                     "sagte, die Regierung müsse sofort handeln.")
    assert out == ["Paul Roth", "Anton Vogel"]


def test_indefinite_pronouns_are_no_speakers_and_a_member_speaks_for_the_group(nlp):
    for text in ("Niemand erwartet, dass die Mieten in der Stadt sinken.",
                 "Viele glauben, dass die Abstimmung gefälscht war."):
        doc = nlp(text)
        assert [q._.nk_speaker for q in doc.spans["quotes"]] == [None], text
        assert [q._.nk_speaker_canonical for q in doc.spans["quotes"]] == [None], text
    out = canon(nlp, "Einer der Streikführer sagte, man werde bis Freitag weiterstreiken.")
    assert out == ["Streikführer"]


def test_a_lower_case_name_is_not_declined(nlp):
    out = canon(nlp, "Wie „weise online“ berichtet, ist der Server seit Montag "
                     "abgeschaltet.")
    assert "weise online" in out


def test_beide_names_the_two_who_were_the_subject_before(nlp):
    out = canon(nlp, "Müller und Schröder hatten ihr Treffen nach einer Stunde beendet. Beide "
                     "machten deutlich, dass sie keine Einigung erwarteten.")
    assert out == ["Müller und Schröder"]


def test_wie_frame_with_a_separated_particle_and_an_adverb(nlp):
    assert canon(nlp, "Wie die Stadtwerke in Kassel bekannt gab, soll der Tarif im Mai "
                      "steigen.") == ["Stadtwerke"]
    assert canon(nlp, "Wie schon die Feuerwehr sagte, ist das Gebäude nicht mehr "
                      "zu retten.") == ["Feuerwehr"]


def test_source_named_by_a_genitive_with_a_place_and_by_a_medium_part(nlp):
    assert canon(nlp, "Angaben des geologischen Dienstes von Trondheim zufolge lag das Zentrum "
                      "vor der Küste.") == ["geologischer Dienst von Trondheim"]
    assert canon(nlp, "Am Abend meldete die Online-Ausgabe der „Nordpost“, der Bürgermeister "
                      "wolle zurücktreten.") == ["Nordpost"]


def test_a_report_goes_on_with_the_subject_of_a_speech_verb_before_it(nlp):
    out = canon(nlp, "Das Bundeskartellamt wirft Siemens vor, Preise abgesprochen zu haben. "
                     "Siemens streitet dies ab. Die Preise seien seit Jahren unverändert.")
    assert out == ["Bundeskartellamt", "Siemens"]


def test_a_first_report_goes_on_with_the_subject_not_the_object_before_it(nlp):
    out = canon(nlp, "Ministerin Karin Vogt würdigte die Bundeswehr als eine Stütze der Demokratie. "
                     "Die Bundeswehr sei immer zur Stelle, wenn man sie brauche.")
    assert out == ["Karin Vogt"]


def test_a_passive_report_in_a_medium_names_the_medium(nlp):
    out = canon(nlp, "In einem Bericht des Nordkurier wurde vermutet, dass niemand das Unglück "
                     "überlebt hat.")
    assert out == ["Nordkurier"]


def test_a_fronted_object_is_not_the_speaker(nlp):
    out = canon(nlp, "Die strenge Auslegung der Satzung des Vorsitzenden stellte der "
                     "Parteichef Karl Brenner ebenfalls in Frage: „Die Satzung ist nicht "
                     "lebensnah.“")
    assert out == ["Karl Brenner"]


def test_a_profession_noun_goes_on_with_the_person_last_reported(nlp):
    out = canon(nlp, "Gegenüber dem Sender berichtete Jonas Weller davon, dass er den Minister "
                     "angerufen habe. Weiter sagte der Journalist, er verstehe die Absage nicht.")
    assert out[-1] == "Jonas Weller"


def test_a_source_noun_before_an_object_is_named_by_its_first_part(nlp):
    out = canon(nlp, "Für den Auftrag soll er laut Chilenischen Presseinformationen eine "
                     "Provision erhalten haben.")
    assert [o.lower() for o in out] == ["chilenische presse"]
    assert canon(nlp, "Nach polnischen Medien wurden drei Soldaten verletzt.") == \
        ["polnische Medien"]


def test_die_beiden_names_the_last_two_persons(nlp):
    out = canon(nlp, "Die Abgeordneten Karl Huber und Jens Brandt hatten geklagt. Das Gesetz "
                     "würde nach Meinung der beiden Politiker weniger Selbstständige anziehen.")
    assert out == ["Karl Huber und Jens Brandt"]


def test_auf_der_website_heisst_es_names_the_site_owner(nlp):
    assert canon(nlp, "Auf der Vereinswebsite heißt es, man werde gegen das Urteil "
                      "klagen.") == ["Verein"]


def test_an_org_kind_noun_points_back_to_the_org_named_with_it(nlp):
    out = canon(nlp, "Die Tierschutzorganisation PETA gab bekannt, dass sie klagen werde. Die "
                     "Tierschutzorganisation hofft, dass das Gericht den Bau stoppt.")
    assert out == ["PETA", "PETA"]


def test_counting_words_and_sowie_auch_in_group_names(nlp):
    assert canon(nlp, "Verschiedene Medien berichteten, der Trainer werde gehen.") == ["Medien"]
    assert canon(nlp, "Nach Angaben mehrerer Zeugen brannte das Haus.") == ["Zeugen"]
    assert canon(nlp, "Die Union sowie auch die FDP kritisierten, der Entwurf sei "
                      "verfassungswidrig.") == ["Union und FDP"]


def test_reports_of_a_kind_of_medium_name_the_kind_and_members_their_group(nlp):
    out = canon(nlp, "Der Sender Radio Nord zeigte den Film. Zeitungsberichten zufolge wurde "
                     "der Regisseur verhaftet.")
    assert out == ["Zeitungen"]
    out = canon(nlp, "Einige der einflussreichsten deutschen Imame in Bayern haben erklärt, die "
                     "Politik sei falsch.")
    assert out == ["einflussreichste deutsche Imame in Bayern"]


def test_article_sources_titles_and_genitive_adverbials(nlp):
    assert canon(nlp, "Laut einem Artikel der Nachrichtenagentur Reuters starben 900 "
                      "Menschen.") == ["Reuters"]
    assert canon(nlp, "Des Weiteren sagte Kramer, der Haushalt sei solide.") == ["Kramer"]
    out = canon(nlp, "Admiral Tomas Lindqvist übernahm das Kommando. Admiral Lindqvist sagte, "
                     "er werde die Flotte verlegen.")
    assert out == ["Tomas Lindqvist"]


def test_a_report_after_a_speech_verb_with_a_common_noun_subject(nlp):
    out = canon(nlp, "Ein Unbekannter soll fünf Frauen belästigt haben. Die Kriminalpolizei "
                     "bittet um Mithilfe bei der Fahndung. Der Mann sei etwa 30 Jahre alt.")
    assert out[-1] == "Kriminalpolizei"


def test_das_sagte_x_after_a_quotation(nlp):
    out = canon(nlp, "„Wir bleiben hart“. Das erklärte der Gewerkschaftschef Otto Kern am "
                     "Montag in Kassel.")
    assert out == ["Otto Kern"]


def test_nach_a_study_an_opinion_or_hearsay_frames_a_report(nlp):
    assert canon(nlp, "Nach einer dänischen Studie wird das Risiko durch Feinstaub "
                      "verdoppelt.") == ["dänische Studie"]
    assert canon(nlp, "Die Gefahr besteht nach Expertenmeinung vor allem im "
                      "Winter.") == ["Experten"]
    doc = nlp("Dem Vernehmen nach soll der Trainer sein Amt noch bis Mai ausüben.")
    assert [(q._.nk_kind, q._.nk_speaker) for q in doc.spans["quotes"]] == [("indirect", None)]


def test_an_object_after_the_verb_is_not_the_speaker_of_the_next_report(nlp):
    out = canon(nlp, "Karl Brenner, der beim Verband für Technik zuständig ist, wies den "
                     "Vorwurf zurück. In Zeiten knapper Kassen sei die Prüfung richtig.")
    assert out[-1] == "Karl Brenner"


def test_a_konjunktiv_clause_after_a_colon_is_reported_speech(nlp):
    doc = nlp("Die Richterin kritisierte den Entwurf in scharfer Form: Das Gesetz verletze "
              "die Pressefreiheit.")
    assert [(q.text, q._.nk_kind, q._.nk_speaker_canonical) for q in doc.spans["quotes"]] == \
        [("Das Gesetz verletze die Pressefreiheit", "indirect", "Richterin")]
    assert not list(nlp("Die Ministerin erklärte: Das ist falsch.").spans["quotes"])


def test_quotation_inside_a_continued_report_is_the_reporters(nlp):
    doc = nlp("Die Ministerin Petra Lindner trat am Montag vor die Presse. Lindner erklärte, "
              "man dürfe nun keine Zeit verlieren. Es drohe „ein Winter ohne genug Heizöl "
              "für die Schulen“.")
    quotes = doc.spans["quotes"]
    inner = [q for q in quotes if q.text.startswith("„ein Winter")]
    assert inner and inner[0]._.nk_speaker_canonical == "Petra Lindner"


def test_auxiliary_frame_looks_past_an_apposition(nlp):
    # "„…“, wird X, <apposition>, zitiert": the quoted person is the passive's subject
    assert canon(nlp, "„Die Preise steigen weiter“, wird Jana Keller, Analystin der "
                      "Landesbank, in einem Bericht zitiert.") == ["Jana Keller"]
    assert canon(nlp, "„Die Preise steigen weiter“, hat Jana Keller gesagt.") == ["Jana Keller"]


def test_focus_particle_before_the_subject(nlp):
    # "Einzig X gab bekannt": the particle is not part of the subject
    assert canon(nlp, "Bisher schweigen die Hersteller. Lediglich Siemens gab bekannt, "
                      "die Produktion bald wieder aufnehmen zu wollen.") == ["Siemens"]


def test_report_after_a_subject_with_a_party_in_parentheses(nlp):
    # the party after the name is an affiliation, not the subject the report goes on with
    assert canon(nlp, "Die Ministerin und Parteichefin Jana Roth (SPD) hat ihren Rücktritt "
                      "erklärt. Sie werde aber Abgeordnete bleiben.") == ["Jana Roth"]
    assert canon(nlp, "Bremens Bürgermeister Karl Oswald (CDU) bedauerte das Urteil. Damals "
                      "seien Fehler gemacht worden.") == ["Karl Oswald"]


def test_vorfeld_with_an_apposition_is_the_subject(nlp):
    # "Der Vorsitzende …, Name, würdigte X als „…“": the commas close an apposition, the
    # subject is the Vorfeld, not the object after the verb
    doc = nlp("Der Vorsitzende des Vereins, Tobias Reuter, würdigte Schneider heute als "
              "„einen großen Trainer“.")
    quotes = doc.spans["quotes"]
    assert [q._.nk_speaker_canonical for q in quotes] == ["Tobias Reuter"]
    assert not doc.text[slice(*quotes[0]._.nk_speaker_offsets)].endswith(",")


def test_zitieren_names_the_person_the_medium_quotes(nlp):
    assert canon(nlp, "„Das wird ein gutes Jahr“, zitiert die Zeitung den Manager "
                      "Ralf Brenner.") == ["Ralf Brenner"]
    # without a named person the medium stays the source
    assert canon(nlp, "„Das wird ein gutes Jahr“, zitierte die Agentur AFP einen "
                      "Sprecher.") == ["AFP"]


def test_passive_with_the_agent_in_the_vorfeld(nlp):
    # a passive names its speaker when the von-agent opens the sentence
    assert canon(nlp, "Von der Feuerwehr wurde mitgeteilt, dass die Straße gesperrt "
                      "bleibe.") == ["Feuerwehr"]
    # and without an agent it still names nobody
    assert canon(nlp, "Dem Trainer wird vorgeworfen, dass er zu spät reagiert habe.") == [None]


def test_pluperfect_passive_in_a_report(nlp):
    assert canon(nlp, "Im Bericht der Prüfer war festgestellt worden, dass keine der "
                      "Brücken sicher sei.") == ["Prüfer"]


def test_von_seiten_names_the_side(nlp):
    assert canon(nlp, "Von Seiten der Gewerkschaft wurde erklärt, man werde nicht "
                      "nachgeben.") == ["Gewerkschaft"]


def test_two_role_nouns_before_one_name_are_one_person(nlp):
    assert canon(nlp, "Der frühere Minister und Parteichef Arno Brandt kritisierte "
                      "gestern, der Plan sei falsch.") == ["Arno Brandt"]
    # two persons stay two
    assert canon(nlp, "Der Minister und Karl Maurer sagten, das sei falsch.") == [
        "Minister und Karl Maurer"]


def test_wonach_clause_belongs_to_the_report(nlp):
    # the minister rejects the reports: what they say is not his statement
    doc = nlp("Der Innenminister wies Berichte zurück, wonach er sein Amt aufgeben wolle.")
    quotes = doc.spans["quotes"]
    assert len(quotes) == 1 and quotes[0]._.nk_speaker_canonical != "Innenminister"
    assert doc.text[slice(*quotes[0]._.nk_speaker_offsets)] == "Berichte"


def test_nach_eigenen_worten_is_the_subject(nlp):
    assert canon(nlp, "Die Bahn habe nach eigenen Worten keine Fehler gemacht.") == ["Bahn"]


def test_fragment_after_a_passive_is_not_its_subjects(nlp):
    # the subject of a passive is what is acted on, not who speaks: the fragment goes on
    # with the source before it
    out = canon(nlp, "Das Gericht sagte, das Gesetz sei nichtig. Mit dem Urteil soll eine "
                     "Schutzlücke geschlossen werden, „um neuen Gefahren zu begegnen“.")
    assert out[-1] == "Gericht"


def test_truncated_noun_joins_its_coordinated_noun(nlp):
    from newskit.components.quotes.grammar import np_forward
    doc = nlp("Eine Gesetzes- und Grundrechtslücke soll geschlossen werden.")
    assert np_forward(doc, 0, len(doc)).text == "Eine Gesetzes- und Grundrechtslücke"


def test_stray_comma_after_a_party_in_parentheses(nlp):
    # "X (SPD), hat …": the comma after the parenthesis does not open a new clause
    assert canon(nlp, "Der Minister Karl Maurer (SPD), hat seinen Rücktritt erklärt. Er "
                      "werde aber Abgeordneter bleiben.") == ["Karl Maurer"]
    # a parenthetical frame keeps its own subject
    assert canon(nlp, "Die Ministerin Eva Roth war in Berlin. Die Lage, sagte sie, sei "
                      "ernst.") == ["Eva Roth"]


def test_er_without_a_named_man_is_the_role_noun_before(nlp):
    out = canon(nlp, "Die Polizei untersuchte am Montag den Wagen des Busfahrers. Er sagte "
                     "später, die Bremsen hätten versagt.")
    assert out == ["Busfahrer"]


def test_defined_acronym_speaks_under_its_long_name(nlp):
    text = ("Die Vereinigung für Frieden und Handel in Südamerika (VFHS) kritisierte die Wahl. "
            "Die VFHS sagte, die Auszählung sei unfair gewesen. Der VFHS-Bericht stellte fest, "
            "dass Stimmen fehlten. Laut dem Verband „Ärzte ohne Zäune“ (AOZ) wurden Helfer "
            "festgehalten.")
    doc = nlp(text)
    out = [s._.nk_speaker_canonical for s in doc.spans["quotes"]]
    long = "Vereinigung für Frieden und Handel in Südamerika"
    assert out[:3] == [long, long, long]
    assert out[3] == "Ärzte ohne Zäune"
    # the quoted name and its acronym belong to the source, not to the report
    assert doc.spans["quotes"][3].text.startswith("wurden")


def test_newspaper_named_like_a_place(nlp):
    # the recogniser may take a newspaper's name for a place: after "Zeitung" it is the paper
    assert canon(nlp, "Nach Angaben der Zeitung Vietnam News sind die Straßen überflutet.") \
        == ["Vietnam News"]


def test_this_study_is_its_authors(nlp):
    out = canon(nlp, "Wie die Agentur meldete, liegt ihr eine Studie des "
                     "Bundesverkehrsministeriums vor. Laut dieser Studie würden viele Brücken "
                     "bald gesperrt. Laut der Studie fehlen Milliarden.")
    assert out[1:] == ["Bundesverkehrsministerium", "Bundesverkehrsministerium"]


def test_kind_of_report_is_no_source(nlp):
    # "Abschlussbericht" is a final report, not one by "Abschluss"; "Polizeiangaben" stay
    out = canon(nlp, "Laut dem Abschlussbericht war die Lage stabil. Nach Polizeiangaben "
                     "wurde niemand verletzt.")
    assert "Abschluss" not in out and out[-1] == "Polizei"


def test_bare_institution_noun_takes_the_place_named_with_it(nlp):
    out = canon(nlp, "Am Flughafen Rostock landeten im Mai viele Reisende. Die Zahl stieg nach "
                     "Angaben des Flughafens um ein Drittel. Der Flughafen sagte, das sei ein "
                     "Rekord.")
    assert out == ["Flughafen Rostock", "Flughafen Rostock"]


def test_no_canonical_starts_with_an_article_after_an_ellipsis(nlp):
    from newskit.eval.speakers import starts_with_article
    doc = nlp("„[...] die meisten Besucher glaubten, es sei echt“, sagte der Sprecher. Demnach "
              "seien die Bilder bearbeitet worden.")
    names = [s._.nk_speaker_canonical for s in doc.spans["quotes"]]
    assert names and not any(starts_with_article(n) for n in names)


def test_quoted_name_before_a_foreign_acronym_defines_it(nlp):
    out = canon(nlp, "Die Opposition, die ''Allianz für Wandel und Fortschritt'' (CPC), "
                     "behauptete, dass Stimmzettel fehlten. Die CPC sagte, die Wahl sei "
                     "gefälscht.")
    assert out == ["Allianz für Wandel und Fortschritt"] * 2


def test_place_adjective_and_noun_is_a_name_not_an_earlier_compound(nlp):
    out = canon(nlp, "Die Straßenbahnlinien fahren wieder. Die Grazer Linien sagten, die "
                     "Reparatur sei teuer gewesen.")
    assert out == ["Grazer Linien"]


def test_organisation_keeps_the_legal_form_it_was_named_with(nlp):
    from newskit.components.entities import without_legal_form
    assert without_legal_form("Grazer Verkehrsbetriebe GmbH & Co KG") == "Grazer Verkehrsbetriebe"
    assert without_legal_form("Siemens") is None
    out = canon(nlp, "Die Grazer Verkehrsbetriebe GmbH & Co KG betreibt die Straßenbahn. Die "
                     "Grazer Verkehrsbetriebe sagten, die Reparatur sei teuer.")
    assert out == ["Grazer Verkehrsbetriebe GmbH & Co KG"]


def test_perfect_heisst_es_with_its_document_and_a_date(nlp):
    doc = nlp("Die Innenminister trafen sich. In einer Erklärung der Innenminister vom "
              "Freitagabend hatte es geheißen: „Die Lage bleibt ernst.“")
    quotes = doc.spans["quotes"]
    assert [q._.nk_speaker_canonical for q in quotes] == ["Innenminister"]
    from newskit.components.quotes.grammar import is_time_noun
    assert is_time_noun("freitagabend") and is_time_noun("mai") and not is_time_noun("abendland")


def test_latter_and_former_name_the_last_two_persons(nlp):
    out = canon(nlp, "Jonas Weber und die Sängerin Lea Brandt verteilten Flugblätter. „Die Tiere "
                     "leiden“, so letztere. „Wir bleiben hier“, sagte Ersterer.")
    assert out == ["Lea Brandt", "Jonas Weber"]


def test_wonach_clause_after_a_view_noun_is_its_owners(nlp):
    doc = nlp("Die Sichtweise von Bauministerin Ute Kramer (SPD), wonach die Mieten bald "
              "sinken würden, teilt der Mieterbund nicht. Der Verband kritisierte das.")
    quotes = [q for q in doc.spans["quotes"] if q._.nk_kind == "indirect"]
    assert quotes and quotes[0].text.startswith("wonach die Mieten")
    assert quotes[0].text.endswith("würden")
    assert quotes[0]._.nk_speaker_canonical == "Ute Kramer"


def test_leadership_of_an_organisation_kind_is_the_organisation(nlp):
    out = canon(nlp, "Der FC Neustadt verlor am Samstag. Die Vereinsführung erklärte, der "
                     "Trainer bleibe im Amt.")
    assert out == ["FC Neustadt"]


def test_coordinated_adjectives_in_the_nominative(nlp):
    from newskit.lang.de.declension import nominative
    assert nominative(["afghanischen", "und", "ausländischen", "Soldaten"],
                      ["ADJA", "KON", "ADJA", "NN"], "die") == [
        "afghanische", "und", "ausländische", "Soldaten"]


def test_website_named_by_its_address(nlp):
    assert canon(nlp, "Der Website sportrichter.net zufolge war der Schiedsrichter "
                      "schwach.") == ["sportrichter.net"]


def test_cue_candidates_hold_every_cue(nlp):
    from newskit.components.quotes.cues import cue_candidates, cue_lemma
    doc = nlp("„Das ist gut“, erklärte der Minister. In dem Bericht heißt es, alles sei "
              "klar. Sie kündigte das an und sagte, sie komme.")
    cands = cue_candidates(doc)
    assert {t.i for t in doc if cue_lemma(t) is not None} <= cands
    assert len(cands) < len(doc) and doc[1].i not in cands  # "Das" is no verb


def test_second_clause_with_its_own_speech_verb_keeps_its_subject(nlp):
    # "nennen" takes an object and a name, not a reported clause; the fragment of the
    # second clause is its own subject's, a fragment inside a report stays the reporter's
    doc = nlp("Der Kapitän Timo Berg nannte die Strafe „überzogen“, Trainer Lars Wendt "
              "bezeichnete die vielen Karten als „übertrieben“. Die Kritikerin Eva Holm "
              "schreibt in der Zeitung, die Schau erinnere „an düstere Zeiten“.")
    out = {q.text: q._.nk_speaker_canonical for q in doc.spans["quotes"]}
    assert out["„überzogen“"] == "Timo Berg"
    assert out["„übertrieben“"] == "Lars Wendt"
    assert out["„an düstere Zeiten“"] == "Eva Holm"
    assert not any(t.startswith("Trainer Lars Wendt") for t in out)


def test_reaction_right_after_a_quotation(nlp):
    out = canon(nlp, "„Wir haben jetzt vier Punkte“, zeigte sich Trainer Paul Amoah nach dem "
                     "Spiel zufrieden. „Das wird schwer“, gab sich die Kapitänin Ida Lund "
                     "skeptisch.")
    assert out == ["Paul Amoah", "Ida Lund"]

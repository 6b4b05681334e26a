# Oberflächentexte des Standard-Themes auf Deutsch für Deutschland (de-DE).
# Was hier nicht definiert ist, fällt auf en-US zurück. Der Begriff -brand wird
# von der Website definiert und hier nicht neu festgelegt.
# Jede Nachricht erhält $market (ID des Markts) und $framing (Ansatz des Markts).
# Anrede: Sie. Anführungszeichen: „…“. „Explainer“ heißen hier „Ratgeber“.

# Ergibt z. B. „Kestrel-Datenschutzportal“ (Bindestrich nach dem Markennamen).
site-name = { -brand }-Datenschutzportal
skip-link = Zum Inhalt springen
switcher-label = Region
# Schaltfläche, die die Regionsliste öffnet; $name ist der aktuelle Markt, z. B. „Deutschland“.
switcher-summary = Region: { $name }
breadcrumb-label = Brotkrümelnavigation
nav-home = Alle Ratgeber
nav-markets = Region wählen
footer-note = Verständlich erklärt: wie Ihre Daten gespeichert, genutzt und geschützt werden.

home-title = So geht { -brand } mit Ihren Daten um
home-description = Kurze, verständliche Ratgeber dazu, wo Ihre Daten gespeichert sind, wer sie sehen kann und was Sie selbst einstellen können.
home-heading = Ihre Daten, klar erklärt
home-intro = { $framing ->
    [transparency] Wo Ihre Daten liegen, wer sie sehen kann und wie Sie das selbst prüfen.
    [regulatory] Wie wir das Datenschutzrecht einhalten und welche Rechte es Ihnen gibt.
    [accountability] Was wir tun, wenn etwas schiefgeht, und wer dafür geradesteht.
    [reputation] Wie wir Ihre Daten schützen und wie das überprüft wird.
   *[control] Die Einstellungen in Ihrer Hand und was jede davon bewirkt.
}
home-list-title = Ratgeber

toc-label = Auf dieser Seite
# $date ist ein ISO-Datum wie 2026-11-20.
updated = Stand: { $date }
untranslated-notice = Diese Seite ist noch nicht auf Deutsch verfügbar. Sie lesen das englische Original.
draft-notice = Entwurf: Diese Seite ist nicht veröffentlicht. „glasshouse build“ lässt sie aus, bis die Zeile „draft: true“ gelöscht ist.

chooser-title = { -brand }-Datenschutzportal: Region wählen
chooser-description = Ratgeber zu Datenspeicherung, Datenschutzeinstellungen und Ihren Rechten, für Ihre Region und in Ihrer Sprache.
chooser-heading = Wählen Sie Ihre Region
chooser-intro = Jede Region hat Ratgeber in ihrer Sprache, zu den Regeln und Einstellungen, die dort gelten.
# Wird auf der Marktauswahl in der Sprache des Markts angezeigt.
chooser-enter = Zu den Ratgebern
chooser-tagline = Ratgeber zu Datenschutz und Daten für Leserinnen und Leser in Deutschland.

not-found-title = Seite nicht gefunden
not-found-heading = Diese Seite konnten wir nicht finden
not-found-body = Die Seite wurde möglicherweise verschoben. Wählen Sie Ihre Region, um alle Ratgeber zu sehen.
not-found-market-body = Die Seite wurde möglicherweise verschoben. Alle Ratgeber für Ihre Region finden Sie auf der Startseite.

## Creator-Skripte

scripts-title = Creator-Skripte
scripts-description = Kurze Skripte für Creator: was Sie vor der Kamera über Daten und Datenschutzeinstellungen sagen können, mit Zeitangaben.
scripts-heading = Creator-Skripte
scripts-intro = Kurze Videos erklären Datenschutz dort, wo die Menschen ohnehin sind. Jedes Skript ist für Ihre Region getimt und bereit für die Kamera.
script-kicker = Creator-Skript
# $title ist der Titel des Ratgebers.
script-card-title = Skript: { $title }
script-total = Gesamtdauer
# $seconds ist eine ganze Zahl von Sekunden.
script-duration = etwa { $seconds } Sekunden
# $role ist hook, beat oder cta.
script-role = { $role ->
    [hook] Einstieg
    [cta] Handlungsaufforderung
   *[beat] Kernpunkt
}
script-screen = Auf dem Bildschirm
script-note = Hinweis
script-read-explainer = Den ganzen Ratgeber lesen
script-downloads = Downloads
script-download-txt = Teleprompter-Text (.txt)
script-download-vtt = Untertitel (.vtt)
script-download-json = Skriptdaten (.json)
script-download-srt = Untertitel (.srt)
script-download-screen = Bildschirmtext (.vtt)
script-teleprompter = Teleprompter
script-teleprompter-pause = Pause
script-teleprompter-play = Weiter
script-teleprompter-close = Schließen
script-promo-title = Drehen Sie ein Video dazu
script-promo-body = Das Creator-Skript zu diesem Ratgeber dauert vor der Kamera { script-duration }.
script-promo-link = Creator-Skript öffnen

## Navigation und Fußzeile

topics-label = Themen
related-heading = Verwandte Erklärungen
footer-legal-label = Rechtliches
legal-link = { $kind ->
    [privacy] Datenschutzerklärung
    [terms] Nutzungsbedingungen
    [cookies] Cookie-Einstellungen
    [contact] Kontakt
   *[imprint] Impressum
}
script-market = Markt
script-language = Sprache
script-updated = Stand

# Textes d'interface du thème par défaut, en français de France (fr-FR).
# Ce qui n'est pas défini ici se replie sur en-US. Le terme -brand est défini
# par le site : il n'est pas redéfini ici.
# Chaque message reçoit $market (identifiant du marché) et $framing (angle du marché).
# Typographie : espace insécable avant « : », espace fine insécable avant ; ? !

site-name = Espace confidentialité { -brand }
skip-link = Aller au contenu
switcher-label = Région
# Le bouton qui ouvre la liste des régions ; $name est le marché actuel.
switcher-summary = Région : { $name }
breadcrumb-label = Fil d'Ariane
nav-home = Tous les guides
nav-markets = Choisir votre région
footer-note = Des explications claires sur la façon dont vos données sont stockées, utilisées et protégées.

home-title = Comment { -brand } traite vos données
home-description = De courts guides, en termes simples, sur l'endroit où vos données sont stockées, qui peut les voir et les réglages à votre disposition.
home-heading = Vos données, en clair
home-intro = { $framing ->
    [transparency] Où se trouvent vos données, qui peut les voir, et comment le vérifier par vous-même.
    [regulatory] Comment nous respectons la réglementation sur la protection des données, et les droits qu'elle vous donne.
    [accountability] Ce que nous faisons quand un problème survient, et qui en répond.
    [reputation] Comment nous protégeons vos données, et comment c'est vérifié.
   *[control] Les réglages que vous maîtrisez, et ce que chacun d'eux change.
}
home-list-title = Guides

toc-label = Sur cette page
# $date est une date ISO, par exemple 2026-11-20.
updated = Mise à jour : { $date }
untranslated-notice = Cette page n'est pas encore disponible en français. Vous lisez la version originale en anglais.
draft-notice = Brouillon : cette page n’est pas publiée. « glasshouse build » l’omet tant que sa ligne « draft: true » n’est pas supprimée.

chooser-title = Espace confidentialité { -brand } : choisissez votre région
chooser-description = Des guides sur le stockage des données, les réglages de confidentialité et vos droits, pour votre région et dans votre langue.
chooser-heading = Choisissez votre région
chooser-intro = Chaque région dispose de guides dans sa langue, sur les règles et les réglages qui s'y appliquent.
# Affiché sur la page de choix du marché, dans la langue du marché.
chooser-enter = Lire les guides
chooser-tagline = Des guides sur la confidentialité et les données, pour les lecteurs en France.

not-found-title = Page introuvable
not-found-heading = Nous n'avons pas trouvé cette page
not-found-body = Cette page a peut-être été déplacée. Choisissez votre région pour voir tous les guides.
not-found-market-body = Cette page a peut-être été déplacée. Tous les guides de votre région sont sur la page d’accueil.

## Scripts pour créateurs

scripts-title = Scripts pour créateurs
scripts-description = De courts scripts pour les créateurs : que dire face caméra sur les données et les réglages de confidentialité, avec leur durée.
scripts-heading = Scripts pour créateurs
scripts-intro = Les vidéos courtes parlent de confidentialité là où les gens se trouvent déjà. Chaque script est minuté pour votre région et prêt à être lu face caméra.
script-kicker = Script pour créateurs
# $title est le titre du guide.
script-card-title = Script : { $title }
script-total = Durée totale
# $seconds est un nombre entier de secondes.
script-duration = environ { $seconds } secondes
# $role vaut hook, beat ou cta.
script-role = { $role ->
    [hook] Accroche
    [cta] Appel à l'action
   *[beat] Point clé
}
script-screen = À l'écran
script-note = Indication
script-read-explainer = Lire le guide complet
script-downloads = Téléchargements
script-download-txt = Texte pour prompteur (.txt)
script-download-vtt = Sous-titres (.vtt)
script-download-json = Données du script (.json)
script-download-srt = Sous-titres (.srt)
script-download-screen = Texte à l’écran (.vtt)
script-teleprompter = Prompteur
script-teleprompter-pause = Pause
script-teleprompter-play = Reprendre
script-teleprompter-close = Fermer
script-promo-title = Faites une vidéo sur ce sujet
script-promo-body = Le script pour créateurs de ce guide se lit en { script-duration } face caméra.
script-promo-link = Ouvrir le script pour créateurs

## Navigation et pied de page

topics-label = Thèmes
related-heading = À lire aussi
footer-legal-label = Informations légales
legal-link = { $kind ->
    [privacy] Politique de confidentialité
    [terms] Conditions d'utilisation
    [cookies] Paramètres des cookies
    [contact] Nous contacter
   *[imprint] Mentions légales
}
script-market = Marché
script-language = Langue
script-updated = Mise à jour

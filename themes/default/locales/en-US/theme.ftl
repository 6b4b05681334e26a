# UI strings of the default theme (reference locale: en-US).
# A site overrides any of them, message by message, in locales/<locale>/*.ftl.
# Every message receives $market (market id) and $framing (framing id).

# The brand is defined by the site (locales/en-US/site.ftl); this is only the
# theme's fallback so that a new site builds before it names itself.
-brand = Trust Center

site-name = { -brand } privacy hub
skip-link = Skip to content
switcher-label = Region
# The button that opens the region list; $name is the current market, e.g. "France".
switcher-summary = Region: { $name }
breadcrumb-label = Breadcrumb
nav-home = All explainers
nav-markets = Choose your region
footer-note = Plain explanations of how your data is stored, used and protected.

home-title = How { -brand } handles your data
home-description = Short, plain explainers on where your data is stored, who can see it and the controls you have.
home-heading = Your data, explained
home-intro = { $framing ->
    [transparency] Where your data lives, who can see it, and how to check for yourself.
    [regulatory] How we meet data protection law, and the rights it gives you.
    [accountability] What we do when something goes wrong, and who answers for it.
    [reputation] How we protect your data, and how that is checked.
   *[control] The settings you control, and what each one changes.
}
home-list-title = Explainers

toc-label = On this page
# $date is the date in the market's long format (November 20, 2026).
updated = Updated { $date }
untranslated-notice = This page is not yet available in your language. You are reading the English original.
draft-notice = Draft: this page is not published. “glasshouse build” leaves it out until its “draft: true” line is deleted.

chooser-title = { -brand } privacy hub: choose your region
chooser-description = Explainers on data storage, privacy controls and your rights, for your region and in your language.
chooser-heading = Choose your region
chooser-intro = Each region has explainers in its language, about the rules and the controls that apply there.
# Shown on the market chooser in the market's own language.
chooser-enter = Read the explainers
chooser-tagline = Privacy and data explainers for readers in the United States.

not-found-title = Page not found
not-found-heading = We could not find that page
not-found-body = The page may have moved. Choose your region to see all explainers.
not-found-market-body = The page may have moved. All the explainers for your region are listed on the home page.

## Creator scripts

scripts-title = Creator scripts
scripts-description = Short scripts for creators: what to say on camera about your data and privacy controls, with timings.
scripts-heading = Creator scripts
scripts-intro = Short videos explain privacy where people already are. Each script is timed for your region and ready to read on camera.
script-kicker = Creator script
# $title is the explainer's title.
script-card-title = Script: { $title }
script-total = Total time
# $seconds is a whole number of seconds.
script-duration = about { $seconds } seconds
# $role is hook, beat, cta.
script-role = { $role ->
    [hook] Hook
    [cta] Call to action
   *[beat] Beat
}
script-screen = On screen
script-note = Note
script-read-explainer = Read the full explainer
script-downloads = Downloads
script-download-txt = Teleprompter text (.txt)
script-download-vtt = Captions (.vtt)
script-download-json = Script data (.json)
script-download-srt = Captions (.srt)
script-download-screen = On-screen text (.vtt)
script-teleprompter = Teleprompter
script-teleprompter-pause = Pause
script-teleprompter-play = Play
script-teleprompter-close = Close
script-promo-title = Make a video about this
script-promo-body = A creator script for this explainer takes { script-duration } to read on camera.
script-promo-link = Open the creator script

## Navigation and footer

topics-label = Topics
related-heading = Related explainers
footer-legal-label = Legal
# The footer's legal links; $kind is privacy, terms, cookies, contact or imprint.
legal-link = { $kind ->
    [privacy] Privacy policy
    [terms] Terms of service
    [cookies] Cookie settings
    [contact] Contact us
   *[imprint] Imprint
}
# The facts printed on a script card.
script-market = Market
script-language = Language
script-updated = Updated

### Site messages for American English (en-US).
### en-US is the reference locale: every other locale falls back to it, so
### every id used in the explainers must be defined here.
###
### Notes for translators:
### - Ids starting with "-" are terms: names and phrases reused inside
###   sentences, here and in the explainers.
### - Every message receives two variables: $market (for example "us") and
###   $framing (one of transparency, regulatory, accountability, reputation,
###   control). Translate only the text: never change ids, variable names
###   or the keys in [brackets].

## Terms

# The product name. Do not translate.
-brand = Kestrel

# The data protection law that applies in this market. Used in the middle of a
# sentence, for example "Under data protection law, you have the right to ...".
# Write it so that it reads well after "Under" and "in line with", in lower case
# unless it is a proper name.
-privacy-law = data protection law

# The public body that oversees data protection in this market. Used in the
# middle of a sentence, for example "you can complain to the data protection
# authority". Include the article if your language needs one.
-regulator = the data protection authority

## Messages

# Name of the help site, used inside a sentence: "In the Help Center, send a question ...".
help-center = Help Center

# Closing line of several explainers, pointing readers to the right contact.
# The wording changes with the market's framing: readers in "regulatory"
# markets are reminded of their regulator, "accountability" markets of who
# answers, "control" markets of where the settings are.
# "Settings" and "Privacy" are the names of screens in the app: use the
# names shown in the app in your language.
help-contact = { $framing ->
    [regulatory] Questions about your rights? Contact our data protection officer, or complain to { -regulator } if you are not satisfied with our answer.
    [accountability] Questions about your data? Our privacy team is there to answer them, and you can reach them from Settings, then Privacy.
    [control] You can change your privacy settings again at any time, and reach our privacy team from Settings, then Privacy.
   *[other] Questions about your data? You can reach our privacy team at any time from Settings, then Privacy.
}

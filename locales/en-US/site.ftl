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

# Where a reader can complain about how we handle personal data in this
# market, if our own answer does not satisfy them. Used in the middle of a
# sentence, for example "you can complain to { -regulator }". Include the
# article if your language needs one.
# The United States has no single data protection authority: the Federal Trade
# Commission and the state attorneys general enforce the privacy and consumer
# protection laws, and both take complaints from the public. Because every
# locale falls back to en-US, a locale for a market outside the US must define
# its own -regulator.
-regulator = the Federal Trade Commission (FTC) or your state attorney general

## Messages

# Name of the help site, used inside a sentence: "In the Help Center, send a question ...".
help-center = Help Center

# Closing line of several explainers, pointing readers to the right contact.
# Every branch gives the same facts: the privacy team (in the app, from
# Settings, then Privacy), the data protection officer (contact details in the
# privacy policy), and { -regulator } if our answer does not satisfy them. The
# framing changes only what comes first: "regulatory" markets start with their
# rights, "accountability" markets with who answers, "control" markets with
# their settings.
# "Settings" and "Privacy" are the names of screens in the app: use the
# names shown in the app in your language.
help-contact = { $framing ->
    [regulatory] Questions about your rights? Contact our data protection officer, using the details in our privacy policy, or our privacy team, from Settings, then Privacy. If you are not satisfied with our answer, you can complain to { -regulator }.
    [accountability] Questions about your data? Our privacy team answers them: reach it from Settings, then Privacy, or write to our data protection officer, using the details in our privacy policy. If you are not satisfied with our answer, you can complain to { -regulator }.
    [control] You can change your privacy settings again at any time. For questions, reach our privacy team from Settings, then Privacy, or write to our data protection officer, using the details in our privacy policy. If you are not satisfied with our answer, you can complain to { -regulator }.
   *[other] Questions about your data? Reach our privacy team at any time from Settings, then Privacy, or write to our data protection officer, using the details in our privacy policy. If you are not satisfied with our answer, you can complain to { -regulator }.
}

### Site messages for British English (en-GB).
### Only what differs from en-US is defined here; everything else falls back
### to locales/en-US/site.ftl.

## Terms

# The laws that apply to personal data in the UK. Used in the middle of a
# sentence, for example "Under the UK GDPR and the Data Protection Act 2018, ...".
-privacy-law = the UK GDPR and the Data Protection Act 2018

# The UK's data protection regulator, used in the middle of a sentence.
-regulator = the Information Commissioner's Office (ICO)

## Messages

# British spelling.
help-center = Help Centre

# Same wording as en-US. Repeated here so that { -regulator } in this message
# is resolved from this file and names the ICO.
help-contact = { $framing ->
    [regulatory] Questions about your rights? Contact our data protection officer, or complain to { -regulator } if you are not satisfied with our answer.
    [accountability] Questions about your data? Our privacy team is there to answer them, and you can reach them from Settings, then Privacy.
    [control] You can change your privacy settings again at any time, and reach our privacy team from Settings, then Privacy.
   *[other] Questions about your data? You can reach our privacy team at any time from Settings, then Privacy.
}

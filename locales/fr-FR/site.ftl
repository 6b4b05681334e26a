### Messages du site pour le français de France (fr-FR).
### Tout ce qui n'est pas défini ici se replie sur locales/en-US/site.ftl.
### -brand n'est volontairement pas défini : le nom de la marque ne se traduit pas.
###
### Notes pour les traducteurs :
### - Les identifiants commençant par « - » sont des termes, réutilisés au milieu
###   des phrases, ici et dans les guides (content/explainers/*.fr.md).
### - Chaque message reçoit $market (ici « fr ») et $framing (ici « regulatory »).
###   Ne modifiez jamais les identifiants, les noms de variables ni les clés entre [crochets].
### - Typographie : espace insécable avant les deux-points et dans les guillemets,
###   espace fine insécable avant le point-virgule, le point d'interrogation et
###   le point d'exclamation.

## Termes

# Les textes applicables aux données personnelles en France. Employé au milieu
# d'une phrase, en minuscule initiale, par exemple « Selon le RGPD et la loi
# Informatique et Libertés, vous avez le droit… ».
# Attention aux contractions : le terme commence par « le », donc jamais
# « de { -privacy-law } » ni « à { -privacy-law } » (on obtiendrait « de le RGPD »).
# Les guides l'emploient après « selon », « comme le prévoient » (accord au
# pluriel) et « encadré par ». Si vous modifiez ce terme, relisez ces phrases.
-privacy-law = le RGPD et la loi Informatique et Libertés

# L'autorité française de protection des données, avec son article, au milieu
# d'une phrase : « introduire une réclamation auprès de la CNIL (…) ».
# Le terme commence par « la » : « de la CNIL », « à la CNIL » ne posent pas de problème.
-regulator = la CNIL (Commission nationale de l'informatique et des libertés)

## Messages

# Nom du site d'aide, employé dans une phrase : « Dans le Centre d'aide, envoyez une question… ».
help-center = Centre d'aide

# Phrase de conclusion de plusieurs guides, qui oriente vers le bon interlocuteur.
# Chaque variante donne les mêmes informations : l'équipe confidentialité (dans
# l'application, depuis Paramètres, puis Confidentialité), le délégué à la
# protection des données (coordonnées dans la politique de confidentialité) et
# { -regulator } si notre réponse ne satisfait pas. L'angle du marché ne change
# que l'ordre : les marchés « regulatory » commencent par les droits,
# « accountability » par qui répond, « control » par les réglages.
# « Paramètres » et « Confidentialité » sont les noms des écrans de l'application :
# ils doivent correspondre à ceux des guides (**Paramètres > Confidentialité**).
help-contact = { $framing ->
    [regulatory] Des questions sur vos droits ? Contactez notre délégué à la protection des données, grâce aux coordonnées indiquées dans notre politique de confidentialité, ou notre équipe confidentialité, depuis Paramètres, puis Confidentialité. Si notre réponse ne vous satisfait pas, vous pouvez introduire une réclamation auprès de { -regulator }.
    [accountability] Des questions sur vos données ? Notre équipe confidentialité est là pour y répondre : joignez-la depuis Paramètres, puis Confidentialité, ou écrivez à notre délégué à la protection des données, grâce aux coordonnées indiquées dans notre politique de confidentialité. Si notre réponse ne vous satisfait pas, vous pouvez introduire une réclamation auprès de { -regulator }.
    [control] Vous pouvez modifier à nouveau vos réglages de confidentialité à tout moment. Pour toute question, joignez notre équipe confidentialité depuis Paramètres, puis Confidentialité, ou écrivez à notre délégué à la protection des données, grâce aux coordonnées indiquées dans notre politique de confidentialité. Si notre réponse ne vous satisfait pas, vous pouvez introduire une réclamation auprès de { -regulator }.
   *[other] Des questions sur vos données ? Joignez notre équipe confidentialité à tout moment depuis Paramètres, puis Confidentialité, ou écrivez à notre délégué à la protection des données, grâce aux coordonnées indiquées dans notre politique de confidentialité. Si notre réponse ne vous satisfait pas, vous pouvez introduire une réclamation auprès de { -regulator }.
}

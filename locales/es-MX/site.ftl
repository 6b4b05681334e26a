### Mensajes del sitio en español de México (es-MX).
### Lo que no se define aquí se toma de locales/en-US/site.ftl.
### -brand no se define a propósito: el nombre de la marca no se traduce.
###
### Notas para traductores:
### - Los identificadores que empiezan con "-" son términos: nombres y frases que
###   se reutilizan a mitad de oración, aquí y en las guías (content/explainers/*.es.md).
### - Cada mensaje recibe $market (aquí "mx") y $framing (aquí "control").
###   Nunca cambies los identificadores, los nombres de variables ni las claves
###   entre [corchetes].
### - Trato de "tú" en todo el sitio, con uso mexicano ("celular", "video").
### - Nombres de pantallas de la app, iguales en todas las guías:
###   Configuración, Privacidad, Tus datos, Personalización, Seguridad,
###   Verificación en dos pasos, Notificaciones, Soporte, Tus reportes,
###   Términos y consentimiento, Contactar al equipo de privacidad.

## Términos

# La ley de protección de datos personales aplicable en México, con su artículo
# y con mayúsculas por ser nombre propio. Se usa a mitad de oración, después de
# "conforme a", "de acuerdo con" y "se rige por": "Conforme a la Ley Federal ...,
# tienes derecho a ...".
# Empieza con "la", así que "de la Ley" y "a la Ley" no se contraen; si la
# cambias por un nombre masculino ("el ..."), revisa que no quede "de el" ni "a el".
-privacy-law = la Ley Federal de Protección de Datos Personales en Posesión de los Particulares

# La autoridad que supervisa la protección de datos en México, con su artículo.
# Se usa a mitad de oración: "presentar una queja ante la autoridad de protección
# de datos". En 2025 desapareció el INAI y sus funciones pasaron a una secretaría
# federal: no nombres al INAI. Se deja una frase general a propósito.
-regulator = la autoridad de protección de datos

## Mensajes

# Nombre del sitio de ayuda, dentro de una oración: "En el Centro de Ayuda, envía
# una pregunta...". El artículo "el" va fuera del mensaje, en la guía.
help-center = Centro de Ayuda

# Cierre de varias guías, que dirige al contacto adecuado.
# Todas las variantes dan los mismos datos: el equipo de privacidad (en la app,
# desde Configuración y luego Privacidad), el oficial de protección de datos
# (datos de contacto en el aviso de privacidad) y { -regulator }, si nuestra
# respuesta no te satisface. El enfoque del mercado solo cambia qué va primero:
# los mercados "regulatory" empiezan por los derechos, los "accountability" por
# quién responde, los "control" (México) por la configuración.
# "Configuración" y "Privacidad" son nombres de pantallas de la app: deben
# coincidir con los de las guías (**Configuración > Privacidad**).
help-contact = { $framing ->
    [regulatory] ¿Tienes preguntas sobre tus derechos? Contacta a nuestro oficial de protección de datos, con los datos de contacto de nuestro aviso de privacidad, o a nuestro equipo de privacidad, desde Configuración y luego Privacidad. Si no te satisface nuestra respuesta, puedes presentar una queja ante { -regulator }.
    [accountability] ¿Tienes preguntas sobre tus datos? Nuestro equipo de privacidad está para responderlas: contáctalo desde Configuración y luego Privacidad, o escríbele a nuestro oficial de protección de datos, con los datos de contacto de nuestro aviso de privacidad. Si no te satisface nuestra respuesta, puedes presentar una queja ante { -regulator }.
    [control] Puedes cambiar tu configuración de privacidad otra vez cuando quieras. Si tienes preguntas, contacta a nuestro equipo de privacidad desde Configuración y luego Privacidad, o escríbele a nuestro oficial de protección de datos, con los datos de contacto de nuestro aviso de privacidad. Si no te satisface nuestra respuesta, puedes presentar una queja ante { -regulator }.
   *[other] ¿Tienes preguntas sobre tus datos? Contacta a nuestro equipo de privacidad cuando quieras desde Configuración y luego Privacidad, o escríbele a nuestro oficial de protección de datos, con los datos de contacto de nuestro aviso de privacidad. Si no te satisface nuestra respuesta, puedes presentar una queja ante { -regulator }.
}

#!/bin/bash
# A throw-away CA, a certificate per broker (its SAN is its compose host name) and one for the
# admin that kafka-init runs as. Runs once: an existing truststore means the volume is set up.
# Needs: keytool (the apache/kafka image has it), MAILSTREAM_TLS_PASSWORD.
set -euo pipefail
P="${MAILSTREAM_TLS_PASSWORD:?set MAILSTREAM_TLS_PASSWORD (the key and trust store password)}"
cd /certs
if [ -f truststore.p12 ]; then
  echo "certificates already in /certs"; exit 0
fi
keytool -genkeypair -alias ca -dname "CN=mailstream compose CA" -ext bc:c -keyalg RSA -keysize 2048 -validity 825 \
  -keystore ca.p12 -storetype PKCS12 -storepass "$P"
keytool -exportcert -rfc -alias ca -keystore ca.p12 -storepass "$P" > ca.pem
keytool -importcert -noprompt -alias ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 -storepass "$P"
# The subject is the principal on the mTLS listeners: User:CN=kafka-1 ... and User:CN=mailstream-admin are super users.
for name in kafka-1 kafka-2 kafka-3 mailstream-admin; do
  keytool -genkeypair -alias "$name" -dname "CN=$name" -keyalg RSA -keysize 2048 -validity 825 \
    -keystore "$name.p12" -storetype PKCS12 -storepass "$P"
  keytool -certreq -alias "$name" -keystore "$name.p12" -storepass "$P" \
    | keytool -gencert -alias ca -keystore ca.p12 -storepass "$P" -rfc -validity 825 \
        -ext "SAN=dns:$name" -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth,clientAuth > "$name.pem"
  keytool -importcert -noprompt -alias ca -file ca.pem -keystore "$name.p12" -storepass "$P"
  keytool -importcert -noprompt -alias "$name" -file "$name.pem" -keystore "$name.p12" -storepass "$P"
done
# Only the trust store is for everyone; the CA key never leaves this volume.
chmod 600 ca.p12 kafka-*.p12 mailstream-admin.p12
chmod 644 truststore.p12 ca.pem
chown 1000:1000 ./*  # the apache/kafka image runs as appuser (uid 1000)

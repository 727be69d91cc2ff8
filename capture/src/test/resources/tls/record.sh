#!/bin/sh
# Re-records the TLS handshake captures used by TlsHandshakeDecoderTest: real openssl s_server /
# s_client handshakes (TLS 1.2 and TLS 1.3, mutual authentication) over loopback, captured with
# tcpdump. Certificates are made here: root CA -> intermediate CA -> leaf sbc1.contoso.com (server)
# and a client leaf signed by the same intermediate. Needs root (tcpdump), openssl, tcpdump.
# Usage: ./record.sh   (from any directory; writes next to this script)
set -eu
DIR=$(cd "$(dirname "$0")" && pwd)
PORT=${PORT:-15061}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

cat > ext.cnf <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
[server]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:sbc1.contoso.com, DNS:sbc2.contoso.com
[client]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:sip.pstnhub.example.test
CNF

key() { openssl ecparam -name prime256v1 -genkey -noout -out "$1"; }
key root.key
openssl req -x509 -new -key root.key -subj "/CN=drsip Test Root CA" -days 3650 -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out root.pem
key inter.key
openssl req -new -key inter.key -subj "/CN=drsip Test Intermediate CA" -out inter.csr
openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -CAcreateserial -days 3650 -sha256 \
  -extfile ext.cnf -extensions ca -out inter.pem
key server.key
openssl req -new -key server.key -subj "/CN=sbc1.contoso.com" -out server.csr
openssl x509 -req -in server.csr -CA inter.pem -CAkey inter.key -CAcreateserial -days 825 -sha256 \
  -extfile ext.cnf -extensions server -out server.pem
key client.key
openssl req -new -key client.key -subj "/CN=sip.pstnhub.example.test" -out client.csr
openssl x509 -req -in client.csr -CA inter.pem -CAkey inter.key -CAcreateserial -days 825 -sha256 \
  -extfile ext.cnf -extensions client -out client.pem
cat root.pem inter.pem > cafile.pem

record() { # $1 = name, $2 = openssl protocol option, $3 = more s_client options, $4 = client CA file
  tcpdump -i lo -U -s 0 -w "$1.pcap" "tcp port $PORT" 2>/dev/null &
  TD=$!
  sleep 1
  openssl s_server -accept "$PORT" -naccept 1 -cert server.pem -key server.key -cert_chain inter.pem \
    -CAfile cafile.pem -Verify 2 $2 -quiet >/dev/null 2>&1 &
  SRV=$!
  sleep 1
  echo "OPTIONS sip:ping@sbc1.contoso.com SIP/2.0" | openssl s_client -connect "127.0.0.1:$PORT" \
    -servername sbc1.contoso.com -cert client.pem -key client.key -cert_chain inter.pem -CAfile "${4:-cafile.pem}" \
    $2 $3 -quiet >/dev/null 2>&1 || true
  sleep 1
  kill "$SRV" 2>/dev/null || true
  wait "$SRV" 2>/dev/null || true
  kill "$TD"
  wait "$TD" 2>/dev/null || true
  cp "$1.pcap" "$DIR/"
}

record tls12 -tls1_2 "-cipher ECDHE-ECDSA-AES256-GCM-SHA384"
record tls13 -tls1_3 ""
# a refused handshake: the client does not trust the server's root and says so (alert 48 unknown_ca)
openssl req -x509 -new -key client.key -subj "/CN=unrelated CA" -days 30 -out other-ca.pem
record tls12-unknown-ca -tls1_2 "-verify_return_error" other-ca.pem

for c in server inter client root; do
  openssl x509 -in "$c.pem" -outform DER -out "$DIR/$c.der"
done
echo "recorded: $(ls "$DIR")"

#!/usr/bin/env bash
# Re-creates the test certificates and records real TLS handshakes over loopback for the rules
# module's TLS tests. Needs openssl, tcpdump (root or CAP_NET_RAW) and free ports 5061/5067 on
# 127.0.0.1/127.0.0.3. Run from anywhere:  sudo rules/src/test/resources/tls/record.sh
#
# Roles: 127.0.0.3 plays Microsoft (tests pass --microsoft-net 127.0.0.3/32), 127.0.0.1 the SBC.
# Microsoft -> SBC connections go to the SBC's port 5067 with an SNI; the mutual-TLS capture has
# the SBC connect to "Microsoft" on 5061 with a client certificate.
#
# Output (committed): certs/*.pem (keys included: test-only, never trusted anywhere) and
# pcap/*.pcap. The tests read the pcaps with capture's TraceFileSource and run the rules on them;
# expiry is judged at the capture time, so the pcaps stay valid after the certificates expire.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
certs="$here/certs"
pcaps="$here/pcap"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$certs" "$pcaps"
cd "$work"

ossl() { openssl "$@" 2>/dev/null; }

# --- certificates ----------------------------------------------------------------------------
cat > ca.cnf <<'CNF'
[ ca ]
default_ca = ca_default
[ ca_default ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = policy_any
copy_extensions = copy
unique_subject = no
[ policy_any ]
commonName = supplied
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_leaf ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_leaf_client_only ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
touch index.txt
echo 1000 > serial

ossl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 \
    -subj "/O=drsip test/CN=drsip Test Root CA" -addext "basicConstraints=critical,CA:true" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"
ossl req -new -newkey rsa:2048 -nodes -keyout int.key -out int.csr -subj "/O=drsip test/CN=drsip Test Intermediate CA"
ossl ca -batch -config ca.cnf -cert root.pem -keyfile root.key -extensions v3_ca -days 1825 -in int.csr -out int.pem -notext

leaf() { # name subject san extensions-section days|startdate:enddate
    local name="$1" subj="$2" san="$3" ext="$4" validity="$5"
    ossl req -new -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "$subj" -addext "subjectAltName=$san"
    if [[ "$validity" == *:* ]]; then
        ossl ca -batch -config ca.cnf -cert int.pem -keyfile int.key -extensions "$ext" \
            -startdate "${validity%%:*}" -enddate "${validity##*:}" -in "$name.csr" -out "$name.pem" -notext
    else
        ossl ca -batch -config ca.cnf -cert int.pem -keyfile int.key -extensions "$ext" -days "$validity" \
            -in "$name.csr" -out "$name.pem" -notext
    fi
}
leaf sbc1 "/O=Contoso/CN=sbc1.contoso.com" "DNS:sbc1.contoso.com" v3_leaf 365
leaf expired "/O=Contoso/CN=sbc1.contoso.com" "DNS:sbc1.contoso.com" v3_leaf 20240101000000Z:20250101000000Z
leaf expiring "/O=Contoso/CN=sbc1.contoso.com" "DNS:sbc1.contoso.com" v3_leaf 10
leaf noserverauth "/O=Contoso/CN=sbc1.contoso.com" "DNS:sbc1.contoso.com" v3_leaf_client_only 365
leaf wildcard "/O=Contoso/CN=*.contoso.com" "DNS:*.contoso.com" v3_leaf 365
ossl req -x509 -newkey rsa:2048 -nodes -keyout selfsigned.key -out selfsigned.pem -days 365 \
    -subj "/O=Contoso/CN=sbc1.contoso.com" -addext "subjectAltName=DNS:sbc1.contoso.com" \
    -addext "extendedKeyUsage=serverAuth,clientAuth"
ossl req -x509 -newkey rsa:2048 -nodes -keyout msproxy.key -out msproxy.pem -days 365 \
    -subj "/CN=sip.pstnhub.microsoft.com" -addext "subjectAltName=DNS:sip.pstnhub.microsoft.com" \
    -addext "extendedKeyUsage=serverAuth,clientAuth"

for n in root int sbc1 expired expiring noserverauth wildcard selfsigned msproxy; do
    cp "$n.pem" "$certs/$n.pem"
    [ -f "$n.key" ] && cp "$n.key" "$certs/$n.key"
done
cat sbc1.pem int.pem > "$certs/sbc1-chain.pem"
printf 'not a certificate\n' > "$certs/not-pem.txt"

# --- handshakes --------------------------------------------------------------------------------
# record NAME SERVER_ADDR:PORT CLIENT_ADDR "server args" "client args"
record() {
    local name="$1" server="$2" client="$3" sargs="$4" cargs="$5"
    local port="${server##*:}"
    tcpdump -i lo -U -s 0 -w "$pcaps/$name.pcap" "tcp port $port" >/dev/null 2>&1 &
    local dump=$!
    sleep 1
    # shellcheck disable=SC2086
    openssl s_server -accept "$server" -naccept 1 -quiet $sargs >/dev/null 2>&1 &
    local srv=$!
    sleep 0.5
    # shellcheck disable=SC2086
    echo Q | timeout 10 openssl s_client -connect "$server" -bind "$client:0" $cargs >/dev/null 2>&1 || true
    sleep 0.5
    kill "$srv" 2>/dev/null || true
    wait "$srv" 2>/dev/null || true
    sleep 0.5
    kill "$dump"
    wait "$dump" 2>/dev/null || true
    echo "recorded $name.pcap"
}
SBC=127.0.0.1:5067
MS=127.0.0.3
C="$certs"
record tls12-good "$SBC" "$MS" "-cert $C/sbc1.pem -key $C/sbc1.key -cert_chain $C/int.pem -tls1_2" \
    "-tls1_2 -servername sbc1.contoso.com -cipher ECDHE-RSA-AES256-GCM-SHA384"
record tls12-no-intermediate "$SBC" "$MS" "-cert $C/sbc1.pem -key $C/sbc1.key -tls1_2" \
    "-tls1_2 -servername sbc1.contoso.com"
record tls12-expired "$SBC" "$MS" "-cert $C/expired.pem -key $C/expired.key -cert_chain $C/int.pem -tls1_2" \
    "-tls1_2 -servername sbc1.contoso.com"
record tls12-expiring "$SBC" "$MS" "-cert $C/expiring.pem -key $C/expiring.key -cert_chain $C/int.pem -tls1_2" \
    "-tls1_2 -servername sbc1.contoso.com"
record tls12-self-signed "$SBC" "$MS" "-cert $C/selfsigned.pem -key $C/selfsigned.key -tls1_2" \
    "-tls1_2 -servername sbc1.contoso.com"
record tls12-no-server-auth "$SBC" "$MS" "-cert $C/noserverauth.pem -key $C/noserverauth.key -cert_chain $C/int.pem -tls1_2" \
    "-tls1_2 -servername sbc1.contoso.com"
record tls12-wildcard-two-labels "$SBC" "$MS" "-cert $C/wildcard.pem -key $C/wildcard.key -cert_chain $C/int.pem -tls1_2" \
    "-tls1_2 -servername sbc1.eu.contoso.com"
record tls12-cbc-sha1 "$SBC" "$MS" "-cert $C/sbc1.pem -key $C/sbc1.key -cert_chain $C/int.pem -tls1_2" \
    "-tls1_2 -servername sbc1.contoso.com -cipher ECDHE-RSA-AES128-SHA"
record tls11 "$SBC" "$MS" "-cert $C/sbc1.pem -key $C/sbc1.key -cert_chain $C/int.pem -tls1_1 -cipher DEFAULT:@SECLEVEL=0" \
    "-tls1_1 -servername sbc1.contoso.com -cipher DEFAULT:@SECLEVEL=0"
record tls13 "$SBC" "$MS" "-cert $C/sbc1.pem -key $C/sbc1.key -cert_chain $C/int.pem -tls1_3" \
    "-tls1_3 -servername sbc1.contoso.com"
# Mutual TLS, SBC -> Microsoft: the SBC (client) presents a self-signed certificate.
record tls12-mtls-sbc-client "$MS:5061" "127.0.0.1" \
    "-cert $C/msproxy.pem -key $C/msproxy.key -tls1_2 -Verify 1" \
    "-tls1_2 -servername sip.pstnhub.microsoft.com -cert $C/selfsigned.pem -key $C/selfsigned.key"
ls -l "$pcaps"

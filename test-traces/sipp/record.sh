#!/usr/bin/env bash
# Re-records the SIPp loopback traces of this module (sipp-*.pcap) and their .expected.json.
#
#   test-traces/sipp/record.sh [OUT_DIR]      (default: test-traces/src/main/resources/traces)
#
# Needs: sipp (SIPp 3.6.1, Debian package sip-tester), tcpdump, tshark; root or CAP_NET_RAW for
# tcpdump on lo. Loopback only: Microsoft's proxy is played by 127.0.0.3 (port 5061), the SBC by
# 127.0.0.10 (port 5067). Every run is bounded (fixed call counts -m, fixed rate, timeouts).
# Each capture is checked with `tshark -z sip,stat` against the counts the scenario must produce;
# a mismatch fails the script and leaves the committed file untouched.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../src/main/resources/traces"}
scen="$here/scenarios"
mkdir -p "$out"
work=$(mktemp -d /tmp/drsip-sipp.XXXXXX)
trap 'rm -rf "$work"' EXIT
MS_IP=127.0.0.3
SBC_IP=127.0.0.10
CALLS=${CALLS:-4}

for tool in sipp tcpdump tshark; do
  command -v "$tool" >/dev/null || { echo "record.sh: $tool not found" >&2; exit 2; }
done

# tshark -z sip,stat for FILE as "KEY COUNT" lines (methods by name, codes by number)
tshark_counts() {
  tshark -n -r "$1" -d tcp.port==5061,sip -d tcp.port==5067,sip -d udp.port==5061,sip -d udp.port==5067,sip \
      -z sip,stat -q 2>/dev/null | awk -F: '
    /Number of SIP messages/ { gsub(/ /, "", $2); print "messages", $2; next }
    /^ *SIP [0-9][0-9][0-9] / { split($1, a, " "); n=$NF; gsub(/[^0-9]/, "", n); print a[2], n; next }
    /^  [A-Z]+ +: +[0-9]+ Packets/ { m=$1; gsub(/ /, "", m); n=$2; gsub(/[^0-9]/, "", n); print m, n }' | sort
}

# record NAME TRANSPORT(u1|t1) UAS_SCENARIO UAS_IP UAC_SCENARIO UAC_IP EXPECTED("KEY N ..." per call) DESCRIPTION FACTS_JSON
record() {
  local name=$1 tp=$2 uas=$3 uas_ip=$4 uac=$5 uac_ip=$6 per_call=$7 desc=$8 facts=$9
  local uas_port uac_port pcap="$work/$name"
  if [ "$uas_ip" = "$MS_IP" ]; then uas_port=5061; uac_port=5067; else uas_port=5067; uac_port=5061; fi
  echo "recording $name ($tp): $uac on $uac_ip -> $uas on $uas_ip:$uas_port, $CALLS calls" >&2
  tcpdump -i lo -s 0 -U -n -w "$pcap" "host $MS_IP and host $SBC_IP and (port 5061 or port 5067)" \
      2>"$work/tcpdump.log" &
  local dump=$!
  for _ in $(seq 50); do grep -q "listening on" "$work/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
  timeout 60 sipp -sf "$scen/$uas" -i "$uas_ip" -p "$uas_port" -t "$tp" -nostdin \
      -timeout 45s -trace_err -error_file "$work/uas.err" >"$work/uas.log" 2>&1 &
  local uas_pid=$!
  sleep 0.5
  timeout 60 sipp "$uas_ip:$uas_port" -sf "$scen/$uac" -i "$uac_ip" -p "$uac_port" -t "$tp" -m "$CALLS" \
      -r 2 -rp 1000 -l 2 -nostdin -timeout 45s -timeout_error -trace_err -error_file "$work/uac.err" \
      >"$work/uac.log" 2>&1 || { echo "UAC failed:"; tail -20 "$work/uac.log"; cat "$work/uac.err" 2>/dev/null; } >&2
  # the UAS has no call limit (with -m it closes TCP before the last BYE): stop it once the UAC is done
  sleep 1.5
  kill "$uas_pid" 2>/dev/null || true
  wait "$uas_pid" 2>/dev/null || true
  kill "$dump"; wait "$dump" 2>/dev/null || true

  # expected counts: per-call counts times CALLS
  local expected="$work/expected.txt" actual="$work/actual.txt" total=0
  : >"$expected"
  set -- $per_call
  while [ $# -gt 0 ]; do echo "$1 $(( $2 * CALLS ))" >>"$expected"; total=$(( total + $2 * CALLS )); shift 2; done
  echo "messages $total" >>"$expected"
  sort -o "$expected" "$expected"
  tshark_counts "$pcap" >"$actual"
  if ! diff -u "$expected" "$actual" >&2; then
    echo "record.sh: tshark counts for $name differ from what the scenario must produce; nothing written" >&2
    exit 1
  fi
  cp "$pcap" "$out/$name"
  {
    printf '{\n  "trace": "%s",\n  "description": "%s",\n' "$name" "$desc"
    printf '  "microsoftNet": "%s/32",\n' "$MS_IP"
    printf '  "tsharkDecodeAs": ["tcp.port==5061,sip", "tcp.port==5067,sip", "udp.port==5061,sip", "udp.port==5067,sip"],\n'
    printf '  "tsharkOptions": [],\n'
    printf '  "sipMessages": %d,\n  "calls": %d,\n' "$total" "$CALLS"
    printf '  "requests": {'; awk '$1 ~ /^[A-Z]+$/ {printf "%s\"%s\": %d", s, $1, $2; s=", "}' "$expected"; printf '},\n'
    printf '  "responses": {'; awk '$1 ~ /^[0-9]+$/ {printf "%s\"%s\": %d", s, $1, $2; s=", "}' "$expected"; printf '},\n'
    printf '  "sbcs": [%s]\n}\n' "$(echo "$facts" | sed "s/CALLS/$CALLS/g")"
  } >"$out/$name.expected.json"
  echo "  ok: $(tr '\n' ' ' <"$actual")" >&2
}

sbc_out='{"name": "sbc1.contoso.com", "addresses": ["127.0.0.10"], "outbound": {"attempts": CALLS, "answered": CALLS, "failed": 0}, "inbound": {"attempts": 0, "answered": 0, "failed": 0}, "failures": []}'
sbc_486='{"name": "sbc1.contoso.com", "addresses": ["127.0.0.10"], "outbound": {"attempts": 0, "answered": 0, "failed": 0}, "inbound": {"attempts": CALLS, "answered": 0, "failed": CALLS}, "failures": [{"direction": "inbound", "sipCode": 486, "microsoftCode": null, "side": "microsoft", "userOutcome": true, "count": CALLS}]}'
sbc_403='{"name": "sbc1.contoso.com", "addresses": ["127.0.0.10"], "outbound": {"attempts": 0, "answered": 0, "failed": 0}, "inbound": {"attempts": CALLS, "answered": 0, "failed": CALLS}, "failures": [{"direction": "inbound", "sipCode": 403, "microsoftCode": 510532, "side": "microsoft", "userOutcome": false, "count": CALLS}]}'

answered="INVITE 1 ACK 1 BYE 1 100 1 183 1 200 2"
refused486="INVITE 1 ACK 1 100 1 486 1"
refused403="INVITE 1 ACK 1 100 1 403 1"
options="OPTIONS 1 200 1"
sbc_opt='{"name": "sbc1.contoso.com", "addresses": ["127.0.0.10"], "outbound": {"attempts": 0, "answered": 0, "failed": 0}, "inbound": {"attempts": 0, "answered": 0, "failed": 0}, "options": {"fromSbc": CALLS, "fromSbcAnswered200": CALLS, "toSbc": 0, "toSbcAnswered200": 0}, "failures": []}'

record sipp-udp-200.pcap u1 sbc-uas-200.xml "$SBC_IP" ms-uac-invite.xml "$MS_IP" "$answered" \
  "SIPp over UDP loopback: Microsoft (127.0.0.3:5061, upper-case headers, PSTNHub banner) calls the SBC (127.0.0.10:5067), answered 183/200, ACK, BYE from Microsoft" "$sbc_out"
record sipp-tcp-200.pcap t1 sbc-uas-200.xml "$SBC_IP" ms-uac-invite.xml "$MS_IP" "$answered" \
  "SIPp over TCP loopback (one connection): Microsoft (127.0.0.3) calls the SBC (127.0.0.10:5067), answered, BYE from Microsoft" "$sbc_out"
record sipp-udp-486.pcap u1 ms-uas-486-busy.xml "$MS_IP" sbc-uac-invite-486.xml "$SBC_IP" "$refused486" \
  "SIPp over UDP loopback: SBC (127.0.0.10) calls Microsoft (127.0.0.3:5061), which answers 486 busy-on-busy with REASON Q.850 text" "$sbc_486"
record sipp-udp-403-no-trunk.pcap u1 ms-uas-403-no-trunk.xml "$MS_IP" sbc-uac-invite-403.xml "$SBC_IP" "$refused403" \
  "SIPp over UDP loopback: SBC (127.0.0.10) calls Microsoft (127.0.0.3:5061), refused 403 No trunk config was found (510532), pstnhub FQDNs in RECORD-ROUTE/CONTACT" "$sbc_403"
record sipp-tcp-403-no-trunk.pcap t1 ms-uas-403-no-trunk.xml "$MS_IP" sbc-uac-invite-403.xml "$SBC_IP" "$refused403" \
  "SIPp over TCP loopback: SBC (127.0.0.10) calls Microsoft (127.0.0.3:5061), refused 403 No trunk config was found (510532)" "$sbc_403"
record sipp-udp-options.pcap u1 ms-uas-options-200.xml "$MS_IP" sbc-uac-options.xml "$SBC_IP" "$options" \
  "SIPp over UDP loopback: SBC (127.0.0.10) keep-alive OPTIONS to Microsoft (127.0.0.3:5061), answered 200" "$sbc_opt"
echo "done: $out/sipp-*.pcap" >&2

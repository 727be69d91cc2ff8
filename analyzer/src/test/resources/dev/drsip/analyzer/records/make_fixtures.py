#!/usr/bin/env python3
"""Writes the call-record fixtures of the reconciliation test (run from this directory).

The same 13 Direct Routing calls in both of Microsoft's export formats:
  pstn-usage-dr.csv      Teams admin center > Analytics & reports > PSTN and SMS usage, Direct Routing tab,
                         "Export to Excel" (RFC 4180 CSV; column names as in Microsoft's "Fields in the export")
  graph-dr-calls.json    Microsoft Graph GET /communications/callRecords/getDirectRoutingCalls(fromDateTime=..,toDateTime=..)
                         as two pages written one after the other (directRoutingLogRow property names)
The calls mirror DrTrace's scenario in ReconciliationTest; every value is invented for the test.
One broken row is added on purpose in each file (a short CSV row, a JSON row that is not an object).
"""
import json
from datetime import datetime, timedelta, timezone

T0 = datetime(2026, 11, 24, 9, 0, 0, tzinfo=timezone.utc)
SBC1, SBC2 = "sbc1.contoso.com", "sbc2.contoso.com"

def t(ms):
    return T0 + timedelta(milliseconds=ms)

# (correlationId, sbc, callType, inviteMs, startMs, failureMs, endMs, success, sip, ms, phrase, caller, callee)
CALLS = [
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c001", SBC1, "dr_out", 1150, 6150, None, 66150, True, 200, 560000, "BYE", "+4930123456", "+15551230001"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c002", SBC1, "dr_out", 21250, 22750, 22750, None, False, 486, 560486, "The called number was busy", "+4930123456", "+15551230002"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c003", SBC1, "dr_out", 41300, 42000, 42000, None, False, 403, 560403, "Forbidden; Call rejected", "+4930123456", "+15551230003"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c004", SBC1, "dr_out", 61100, 71100, 71100, None, False, 408, 500001, "Gateway (SBC) failover timer expired", "+4930123456", "+15551230004"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c005", SBC1, "dr_in", 81250, 84200, None, 113200, True, 200, 540000, "BYE", "030555777", "+15551230005"),
    ("9810e5a9-1b2c-4d5e-8f90-0a0b0c0d0e01", SBC1, "dr_in", 101200, 101800, 101800, None, False, 403, 10500, "Current call site state prevents fork to this entity", "+4940999999", "+15551230006"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c007", SBC1, "dr_in", 121150, 122100, 122100, None, False, 504, 549002, "Unable to deliver INVITE: TlsTransport is not connected, State=Disconnected", "+4930555007", "+15551230007"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c008", SBC1, "dr_out", 141300, 151300, 151300, None, False, 408, 500001, "Gateway (SBC) failover timer expired", "+4930123456", "+15551230008"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c009", SBC1, "dr_out", 161200, 161900, 161900, None, False, 500, 510544, "Get Outbound Direct routing - no trunk config found", "+4930123456", "+15551230009"),
    ("4656976f-aaaa-4bbb-8ccc-0d0e0f101112", SBC1, "dr_in", 201200, 201700, 201700, None, False, 404, 511404, "Getting user info by number from RuntimeAPI failed", "+4930555011", "+15551230011"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c012", SBC1, "dr_out", 206200, 206300, 206300, None, False, 504, 569008, "Unable to deliver INVITE: Outgoing TLS negotiation failed. Remote certificate expired; HRESULT=0x80090328 SEC_E_CERT_EXPIRED", "+4930123456", "+15551230012"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c013", SBC2, "dr_out", 51000, 55000, None, 95000, True, 200, 560000, "BYE", "+4930123456", "+15551230013"),
    ("0f6b3a52-1c1d-4e8e-9a41-00000000c014", SBC1, "dr_in", -7200000, -7196000, None, -7100000, True, 200, 540000, "BYE", "+4930555014", "+15551230014"),
]

def iso(ms):
    return None if ms is None else t(ms).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"

HEADER = ["CorrelationId", "AAD ObjectId", "UPN", "Display Name", "User country", "Invite time", "Start time",
          "Failure time", "End time", "Duration (seconds)", "Success", "Caller Number", "Callee Number", "Call type",
          "Azure region for Media", "Azure region for Signaling", "Final SIP code", "Final Microsoft subcode",
          "Final SIP Phrase", "SBC FQDN", "Media bypass", "Shared correlation ID"]

def q(v):
    s = "" if v is None else str(v)
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n') else s

def duration(c):
    end = c[6] if c[6] is not None else c[5]
    return (end - c[3]) // 1000 if end is not None else 0

rows = []
for c in CALLS:
    rows.append([c[0], "", "user@contoso.com" if c[2].startswith("dr_out") else "", "", "DE", iso(c[3]), iso(c[4]), iso(c[5]),
                 iso(c[6]), duration(c), "Yes" if c[7] else "No", c[11], c[12], c[2], "EUWE", "EUWE", c[8], c[9], c[10],
                 c[1], "No", ""])
with open("pstn-usage-dr.csv", "w", newline="", encoding="utf-8") as f:
    f.write("\ufeff" + ",".join(HEADER) + "\r\n")
    for i, r in enumerate(rows):
        f.write(",".join(q(v) for v in r) + "\r\n")
        if i == 4:
            # a row cut short (as when a file is truncated or hand-edited): counted and skipped
            f.write("0f6b3a52-1c1d-4e8e-9a41-0000000000ff,,,,DE,2026-11-24T09:01:00.000Z\r\n")

def graph_row(c):
    return {"id": c[0], "correlationId": c[0], "userId": None, "userPrincipalName": "user@contoso.com",
            "userDisplayName": "", "startDateTime": iso(c[4]), "inviteDateTime": iso(c[3]),
            "failureDateTime": iso(c[5]), "endDateTime": iso(c[6]), "duration": duration(c), "callType": c[2],
            "successfulCall": c[7], "callerNumber": c[11], "calleeNumber": c[12], "mediaPathLocation": "EUWE",
            "signalingLocation": "EUWE", "finalSipCode": c[8], "callEndSubReason": c[9], "finalSipCodePhrase": c[10],
            "trunkFullyQualifiedDomainName": c[1], "mediaBypassEnabled": False}

url = "https://graph.microsoft.com/v1.0/communications/callRecords/getDirectRoutingCalls"
page1 = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.callRecords.directRoutingLogRow)",
         "@odata.nextLink": url + "(fromDateTime=2026-11-24,toDateTime=2026-11-25)?$skip=7",
         "value": [graph_row(c) for c in CALLS[:7]] + ["not a row"]}
page2 = {"@odata.context": page1["@odata.context"], "value": [graph_row(c) for c in CALLS[7:]]}
with open("graph-dr-calls.json", "w", encoding="utf-8") as f:
    f.write(json.dumps(page1, indent=2) + "\n")
    f.write(json.dumps(page2, indent=2) + "\n")

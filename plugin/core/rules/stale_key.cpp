// S12: the keytab's key for a ticket's SPN is out of date (key version).
#include "names.h"
#include "rule.h"

#include <algorithm>

namespace kerbdiag {
namespace {

std::string kvno_text(const std::vector<uint32_t>& kvnos)
{
    std::vector<std::string> texts;
    for (uint32_t kvno : kvnos) texts.push_back(std::to_string(kvno));
    return join(texts, ", ");
}

// The keytab names the ticket's SPN at the ticket's own kvno, yet no key opens it.
bool same_kvno(const TicketObservation& ticket)
{
    const KeyVerdict& key = ticket.key;
    return key.kind == KeyVerdictKind::no_matching_key &&
           std::find(key.sname_kvnos.begin(), key.sname_kvnos.end(), *ticket.kvno) != key.sname_kvnos.end();
}

// Why the keytab's key for this SPN is out of date; empty when it is not.
std::string stale_reason(const TicketObservation& ticket)
{
    const KeyVerdict& key = ticket.key;
    std::string ticket_kvno = std::to_string(*ticket.kvno);
    if (key.kind == KeyVerdictKind::kvno_mismatch)
        return "the keytab entry that opens it has kvno " + std::to_string(*key.key_kvno) + " (" + key.account +
               "), the KDC says kvno " + ticket_kvno + ": the key is right but the keytab's version number is not";
    if (key.kind != KeyVerdictKind::no_matching_key || key.sname_kvnos.empty()) return {};
    if (!same_kvno(ticket))
        return "the keytab holds it only at kvno " + kvno_text(key.sname_kvnos) + " and no key opens the kvno " +
               ticket_kvno + " ticket: the password changed after the keytab was exported";
    return "the keytab holds kvno " + ticket_kvno + " but its key does not open the ticket: the KDC encrypts the "
           "SPN for another account (one holding it, or AD's computer account for HOST/), or the keytab was made "
           "with another password";
}

// "DC1$" for DC1$@REALM; a keytab naming only host/dc1.x gives "DC1$" too.
std::string computer_of(const KeyVerdict& key, const std::string& sname)
{
    std::string name = key.sname_holder.substr(0, key.sname_holder.rfind('@'));
    if (!name.empty() && name.find('/') == std::string::npos) return name;
    std::string label = spn_host(sname).substr(0, spn_host(sname).find('.'));
    for (auto& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return label + "$";
}

// The account whose current key the server lacks: the keytab's own name for
// the SPN's holder, else the decrypting account. A keytab that names only
// service principals does not say which account holds them, and a service
// principal is not an account to map.
std::string user_of(const KeyVerdict& key)
{
    const std::string& principal = key.sname_holder.empty() ? key.account_name : key.sname_holder;
    std::string user = principal.substr(0, principal.rfind('@'));
    return user.empty() || user.find('/') != std::string::npos ? "<account>" : user;
}

constexpr const char* resync_commands = "Samba or Linux member: net ads changetrustpw, then net ads keytab "
                                        "create; with adcli: adcli update --computer-password-lifetime=0; "
                                        "Windows: Test-ComputerSecureChannel -Repair";

// A machine keytab is not exported by hand: the host has lost step with its
// computer account's password, and re-syncing it writes the keytab anew.
// Mapping the SPN onto another account with ktpass would break the host.
void fix_for_machine_keytab(const TicketObservation& ticket, Finding& finding)
{
    std::string computer = netbios_domain(ticket.realm) + "\\" + computer_of(ticket.key, ticket.sname);
    std::string kvno = std::to_string(*ticket.kvno);
    finding.fix = "The server's machine keytab is older than its computer account " + computer +
                  " (kvno " + kvno + " at the KDC): re-sync the host's machine password with the domain; "
                  "do not map " + ticket.sname + " onto another account\n" + resync_commands +
                  "\nAfterwards klist -kte on the server lists " + ticket.sname + " or its HOST/ SPN at kvno " + kvno;
}

// Every password change gives a new kvno (AD and MIT alike), so a keytab at
// the ticket's kvno whose key does not open it is first a question of which
// account the KDC encrypts the SPN for; only then of how the keytab was made.
void fix_for_same_kvno(const TicketObservation& ticket, Finding& finding)
{
    bool computer = ticket.key.sname_holder_computer || ticket.key.sname_via_host;
    std::string user = computer ? computer_of(ticket.key, ticket.sname) : user_of(ticket.key);
    std::string account = user == "<account>" ? "the site's account" : netbios_domain(ticket.realm) + "\\" + user;
    std::string again = computer ? "re-sync the host with its computer account (" + std::string(resync_commands) + ")"
                                 : "export it again (AD: ktpass -princ " + ticket.sname + "@" + ticket.realm +
                                       " -mapuser " + account + " -pass * -out <file>; MIT: kadmin ktadd -norandkey " +
                                       ticket.sname + ")";
    finding.fix = "Find the account the KDC encrypts " + ticket.sname + " for: setspn -Q " + ticket.sname +
                  " (AD; no answer means AD maps it to the computer account holding HOST/" + spn_host(ticket.sname) +
                  "), or compare kvno " + ticket.sname + " on a client with klist -kte on the server\n"
                  "If another account holds it or none does, register it on " + account + ": setspn -S " +
                  ticket.sname + " " + account + "\n"
                  "If " + account + " holds it, its keytab was made with another password: " + again;
}

void stale_key(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for_each_ticket(frame, [&](const TicketObservation& ticket) {
        if (!ticket.kvno || ticket.sname.empty()) return;
        std::string reason = stale_reason(ticket);
        if (reason.empty()) return;
        if (!context.first_time(RuleId::stale_key, ticket.sname + "@" + ticket.realm + "|" + std::to_string(*ticket.kvno)))
            return;
        Finding& finding = out.add(RuleId::stale_key, {{"spn", ticket.sname},
                                                 {"realm", ticket.realm},
                                                 {"domain", netbios_domain(ticket.realm)},
                                                 {"ticket_kvno", std::to_string(*ticket.kvno)},
                                                 {"reason", reason},
                                                 {"user", user_of(ticket.key)}});
        if (same_kvno(ticket))
            fix_for_same_kvno(ticket, finding);
        else if (ticket.key.sname_holder_computer || ticket.key.sname_via_host)
            fix_for_machine_keytab(ticket, finding);
        finding.detail = "Ticket for " + ticket.sname + "@" + ticket.realm + " in frame " + std::to_string(frame.frame) +
                         ": " + reason + ".";
    });
}

}  // namespace

KERBDIAG_REGISTER_RULE(stale_key)

}  // namespace kerbdiag

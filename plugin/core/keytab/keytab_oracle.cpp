// Loading keys with krb5 and trying them on tickets; the file checks are in
// keytab_framing.*, the grouping into accounts in keytab_accounts.*, the
// verdict cache in verdict_cache.h.
#include "keytab_oracle.h"

#include "enc_ticket_part.h"
#include "keytab_accounts.h"
#include "keytab_facts.h"
#include "keytab_framing.h"
#include "names.h"
#include "text_template.h"
#include "verdict_cache.h"

#include <krb5/krb5.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string.h>  // explicit_bzero
#include <unordered_map>

namespace kerbdiag {
namespace {

constexpr krb5_keyusage key_usage_pa_enc_timestamp = 1;  // RFC 4120 7.5.1
constexpr krb5_keyusage key_usage_ticket = 2;

// A private copy of key bytes that is zeroed before its memory is released.
// The size is fixed at construction so the buffer never moves.
class SecretBytes {
public:
    SecretBytes(const uint8_t* data, size_t size) : bytes_(data, data + size) {}
    SecretBytes(SecretBytes&&) = default;
    SecretBytes& operator=(SecretBytes&&) = delete;
    ~SecretBytes()
    {
        if (!bytes_.empty()) explicit_bzero(bytes_.data(), bytes_.size());  // moved-from: empty, no buffer
    }
    bool operator==(const SecretBytes& other) const { return bytes_ == other.bytes_; }

private:
    std::vector<uint8_t> bytes_;
};

std::string krb5_message(krb5_context context, krb5_error_code code)
{
    const char* text = krb5_get_error_message(context, code);
    std::string message = text ? text : "unknown krb5 error";
    krb5_free_error_message(context, text);
    return message;
}

}  // namespace

std::string enctype_name(int32_t enctype)
{
    char name[64] = {};
    if (krb5_enctype_to_name(enctype, FALSE, name, sizeof name) != 0 || !name[0])
        return "etype " + std::to_string(enctype);
    return name;
}

std::vector<std::string> split_keytab_paths(std::string_view list, char separator)
{
    std::vector<std::string> paths;
    size_t start = 0;
    while (start <= list.size()) {
        size_t end = std::min(list.find(separator, start), list.size());
        std::string_view piece = list.substr(start, end - start);
        while (!piece.empty() && std::isspace(static_cast<unsigned char>(piece.front()))) piece.remove_prefix(1);
        while (!piece.empty() && std::isspace(static_cast<unsigned char>(piece.back()))) piece.remove_suffix(1);
        if (!piece.empty()) paths.emplace_back(piece);
        start = end + 1;
    }
    return paths;
}

std::string KeytabLoadReport::message() const { return join(errors, "\n"); }

// ---- The oracle -------------------------------------------------------------

using keytab::Account;
using keytab::Entry;
using keytab::Key;
using keytab::add_unique;
using keytab::lowercase;

struct KeytabOracle::Impl {
    KeytabOracleLimits limits;
    krb5_context context = nullptr;
    std::vector<Entry> entries;
    std::vector<Key> keys;
    std::vector<Account> accounts;
    std::map<int32_t, std::vector<size_t>> keys_by_etype;
    std::vector<int32_t> enctypes_in_order;  // as the keytab lists them
    std::unordered_map<std::string, std::vector<uint32_t>> kvnos_by_principal;  // lowercase names
    std::set<int32_t> skipped_enctypes;
    std::vector<keytab::SkippedEntry> skipped_entries;  // of the files that were used
    std::vector<KeytabFact> facts;
    bool has_krbtgt = false;
    VerdictCache cache;
    KeytabOracleStats stats;

    explicit Impl(KeytabOracleLimits l);
    ~Impl();
    void clear();

    // Loading.
    std::string load_file(const std::string& path, std::vector<SecretBytes>& key_bytes,
                          KeytabLoadReport& report);
    void add_entry(const krb5_keytab_entry& raw, std::vector<SecretBytes>& key_bytes,
                   KeytabLoadReport& report, const std::string& path);

    // Checking.
    KeyVerdict compute(const TicketObservation& ticket);
    std::vector<size_t> candidates(const TicketObservation& ticket) const;
    bool try_key(const Key& key, const TicketObservation& ticket, std::vector<uint8_t>& plain);
    KeyVerdict decrypted_verdict(const Key& key, const TicketObservation& ticket, der::Bytes plain) const;
    std::vector<uint32_t> kvnos_of(const std::string& principal) const;
    void note_sname_holder(const TicketObservation& ticket, KeyVerdict& verdict) const;
    const Account* holder_of(const std::string& principal) const;
    std::string keytab_etypes() const;
    bool skips(const TicketObservation& ticket) const;
};

KeytabOracle::Impl::Impl(KeytabOracleLimits l) : limits(l), cache(l.cache_entries)
{
    if (krb5_init_context(&context) != 0) context = nullptr;
}

KeytabOracle::Impl::~Impl()
{
    clear();
    if (context) krb5_free_context(context);
}

void KeytabOracle::Impl::clear()
{
    for (auto& key : keys) krb5_k_free_key(context, key.handle);  // zeroes the key
    keys.clear();
    entries.clear();
    accounts.clear();
    keys_by_etype.clear();
    enctypes_in_order.clear();
    kvnos_by_principal.clear();
    skipped_enctypes.clear();
    skipped_entries.clear();
    facts.clear();
    has_krbtgt = false;
    cache.clear();
}

// ---- Loading ------------------------------------------------------------------

void KeytabOracle::Impl::add_entry(const krb5_keytab_entry& raw, std::vector<SecretBytes>& key_bytes,
                                   KeytabLoadReport& report, const std::string& path)
{
    char* unparsed = nullptr;
    if (krb5_unparse_name(context, raw.principal, &unparsed) != 0) return;
    std::string principal = unparsed;
    krb5_free_unparsed_name(context, unparsed);

    int32_t enctype = raw.key.enctype;
    size_t expected_length = 0;
    if (!krb5_c_valid_enctype(enctype) ||
        krb5_c_keylengths(context, enctype, nullptr, &expected_length) != 0 ||
        expected_length != raw.key.length) {
        skipped_enctypes.insert(enctype);
        skipped_entries.push_back({principal, static_cast<uint32_t>(raw.vno), enctype, path});
        return;
    }
    SecretBytes bytes(raw.key.contents, raw.key.length);
    size_t index = keys.size();
    for (size_t i : keys_by_etype[enctype])
        if (key_bytes[i] == bytes) index = i;
    if (index == keys.size()) {
        krb5_key handle = nullptr;
        if (krb5_k_create_key(context, &raw.key, &handle) != 0) return;
        keys.push_back(Key{enctype, handle, {}, {}, 0});
        key_bytes.push_back(std::move(bytes));
        keys_by_etype[enctype].push_back(index);
        add_unique(enctypes_in_order, enctype);
    }
    add_unique(keys[index].kvnos, static_cast<uint32_t>(raw.vno));
    add_unique(keys[index].principals_lowercase, lowercase(principal));
    add_unique(kvnos_by_principal[lowercase(principal)], static_cast<uint32_t>(raw.vno));
    entries.push_back(Entry{principal, raw.vno, index, path});
    has_krbtgt = has_krbtgt || is_tgs_name(principal);
    ++report.entries;
}

// Returns the fatal error for this file, empty when it was read.
std::string KeytabOracle::Impl::load_file(const std::string& path, std::vector<SecretBytes>& key_bytes,
                                          KeytabLoadReport& report)
{
    FramingCheck framing = check_keytab_file(path);
    if (!framing.fatal.empty()) return framing.fatal;
    if (!framing.warning.empty()) report.errors.push_back("keytab " + path + ": " + framing.warning);

    krb5_keytab keytab = nullptr;
    std::string name = "FILE:" + path;
    krb5_error_code code = krb5_kt_resolve(context, name.c_str(), &keytab);
    if (code != 0) return krb5_message(context, code);
    krb5_kt_cursor cursor;
    code = krb5_kt_start_seq_get(context, keytab, &cursor);
    if (code != 0) {
        krb5_kt_close(context, keytab);
        return krb5_message(context, code);
    }
    size_t before = report.entries;
    krb5_keytab_entry entry;
    for (size_t read = 0; read < framing.complete_entries; ++read) {
        if ((code = krb5_kt_next_entry(context, keytab, &entry, &cursor)) != 0) break;
        add_entry(entry, key_bytes, report, path);
        krb5_free_keytab_entry_contents(context, &entry);  // zeroes the key
    }
    if (code == 0) code = KRB5_KT_END;  // stopped before a truncated entry
    krb5_kt_end_seq_get(context, keytab, &cursor);
    krb5_kt_close(context, keytab);
    if (code != KRB5_KT_END) return krb5_message(context, code);
    if (report.entries == before)
        return framing.warning.empty() ? "no usable key (every entry has an enctype this krb5 does not support)"
                                       : "no complete entry before the truncation";
    return {};
}


// ---- Checking tickets -----------------------------------------------------------

// Keys of the ticket's enctype, most likely first: an entry for the ticket's
// own SPN with its kvno, then any entry with its kvno, then the rest.
std::vector<size_t> KeytabOracle::Impl::candidates(const TicketObservation& ticket) const
{
    auto found = keys_by_etype.find(ticket.etype);
    if (found == keys_by_etype.end()) return {};
    std::string sname = lowercase(ticket.sname + "@" + ticket.realm);
    auto rank = [&](size_t index) {
        const Key& key = keys[index];
        bool kvno_matches = ticket.kvno && std::find(key.kvnos.begin(), key.kvnos.end(), *ticket.kvno) != key.kvnos.end();
        bool names_sname = std::find(key.principals_lowercase.begin(), key.principals_lowercase.end(), sname) !=
                           key.principals_lowercase.end();
        return (kvno_matches ? 0 : 2) + (names_sname ? 0 : 1);
    };
    std::vector<size_t> by_rank[4];
    for (size_t index : found->second) by_rank[rank(index)].push_back(index);
    std::vector<size_t> ordered;
    ordered.reserve(found->second.size());
    for (const auto& group : by_rank) ordered.insert(ordered.end(), group.begin(), group.end());
    return ordered;
}

bool KeytabOracle::Impl::try_key(const Key& key, const TicketObservation& ticket, std::vector<uint8_t>& plain)
{
    ++stats.decrypt_attempts;
    krb5_enc_data input{};
    input.enctype = ticket.etype;
    input.kvno = ticket.kvno.value_or(0);
    input.ciphertext.length = static_cast<unsigned int>(ticket.cipher.size());
    input.ciphertext.data = const_cast<char*>(reinterpret_cast<const char*>(ticket.cipher.data()));
    krb5_data output{KV5M_DATA, static_cast<unsigned int>(plain.size()), reinterpret_cast<char*>(plain.data())};
    if (krb5_k_decrypt(context, key.handle, key_usage_ticket, nullptr, &input, &output) != 0) return false;
    plain.resize(output.length);  // shrinking never moves the buffer
    return true;
}

std::vector<uint32_t> KeytabOracle::Impl::kvnos_of(const std::string& principal) const
{
    auto found = kvnos_by_principal.find(lowercase(principal));
    if (found == kvnos_by_principal.end()) return {};
    std::vector<uint32_t> kvnos = found->second;
    std::sort(kvnos.begin(), kvnos.end());
    return kvnos;
}

const Account* KeytabOracle::Impl::holder_of(const std::string& principal) const
{
    for (const auto& entry : entries)
        if (iequals(entry.principal, principal)) return &accounts[keys[entry.key].account];
    return nullptr;
}

// AD encrypts cifs/x, HTTP/x and the other mapped service classes with the
// key of the computer account holding HOST/x, and a machine keytab (Samba's
// secrets.keytab, a joined host's krb5.keytab) names only HOST/x: its kvnos
// are the ones the server has for the SPN, and its account is the one whose
// keys the server should hold.
void KeytabOracle::Impl::note_sname_holder(const TicketObservation& ticket, KeyVerdict& verdict) const
{
    std::string principal = ticket.sname + "@" + ticket.realm;
    verdict.sname_kvnos = kvnos_of(principal);
    std::string host = spn_host(ticket.sname);
    bool is_host_spn = iequals(ticket.sname.substr(0, ticket.sname.find('/')), "host");
    if (verdict.sname_kvnos.empty() && !host.empty() && !is_host_spn) {
        principal = "host/" + host.substr(0, host.find(':')) + "@" + ticket.realm;
        verdict.sname_kvnos = kvnos_of(principal);
        verdict.sname_via_host = !verdict.sname_kvnos.empty();
    }
    if (const Account* holder = verdict.sname_kvnos.empty() ? nullptr : holder_of(principal)) {
        verdict.sname_holder = holder->name;
        verdict.sname_holder_computer = holder->computer;
    }
}

KeyVerdict KeytabOracle::Impl::decrypted_verdict(const Key& key, const TicketObservation& ticket,
                                                 der::Bytes plain) const
{
    const Account& account = accounts[key.account];
    KeyVerdict verdict;
    bool kvno_matches = !ticket.kvno || std::find(key.kvnos.begin(), key.kvnos.end(), *ticket.kvno) != key.kvnos.end();
    verdict.kind = kvno_matches ? KeyVerdictKind::decrypted : KeyVerdictKind::kvno_mismatch;
    verdict.key_kvno = kvno_matches && ticket.kvno ? *ticket.kvno : *std::max_element(key.kvnos.begin(), key.kvnos.end());
    verdict.account = account.label;
    verdict.principals = account.principals;
    verdict.account_id = account.id;
    verdict.account_name = account.name;
    verdict.computer_account = account.computer;
    if (auto part = decode_enc_ticket_part(plain)) {
        verdict.client = part->client;
        verdict.ticket_flags = part->flags;
        verdict.start_time = part->start_time ? part->start_time : part->auth_time;
        verdict.end_time = part->end_time;
        verdict.pac_size = part->pac_size;
    }
    return verdict;
}

std::string KeytabOracle::Impl::keytab_etypes() const
{
    std::string text = enctypes_in_order.empty() ? "no usable key" : keytab::enctype_list(enctypes_in_order);
    if (!skipped_enctypes.empty())
        text += " (skipped, unsupported: " +
                keytab::enctype_list(std::vector<int32_t>(skipped_enctypes.begin(), skipped_enctypes.end())) + ")";
    return text;
}

KeyVerdict KeytabOracle::Impl::compute(const TicketObservation& ticket)
{
    ++stats.verdicts_computed;
    KeyVerdict verdict;
    note_sname_holder(ticket, verdict);
    auto order = candidates(ticket);
    if (order.empty()) {
        verdict.kind = KeyVerdictKind::no_key_of_etype;
        verdict.keytab_etypes = keytab_etypes();
        return verdict;
    }
    std::vector<uint8_t> plain(ticket.cipher.size());
    for (size_t index : order) {
        if (!try_key(keys[index], ticket, plain)) continue;
        KeyVerdict found = decrypted_verdict(keys[index], ticket, plain);
        explicit_bzero(plain.data(), plain.size());  // holds the session key
        found.sname_kvnos = std::move(verdict.sname_kvnos);
        found.sname_holder = std::move(verdict.sname_holder);
        found.sname_holder_computer = verdict.sname_holder_computer;
        found.sname_via_host = verdict.sname_via_host;
        return found;
    }
    explicit_bzero(plain.data(), plain.size());
    verdict.kind = KeyVerdictKind::no_matching_key;
    verdict.keytab_etypes = keytab_etypes();
    return verdict;
}

// ---- Public interface -----------------------------------------------------------

KeytabOracle::KeytabOracle(KeytabOracleLimits limits) : impl_(std::make_unique<Impl>(limits)) {}

KeytabOracle::~KeytabOracle() = default;

KeytabLoadReport KeytabOracle::load(const std::vector<std::string>& paths)
{
    KeytabLoadReport report;
    impl_->clear();
    if (!impl_->context) {
        report.errors.push_back("keytab: cannot initialise krb5 (check /etc/krb5.conf); no decryption");
        return report;
    }
    std::vector<SecretBytes> key_bytes;  // parallel to keys, only while loading
    for (const auto& path : paths) {
        size_t skipped_before = impl_->skipped_entries.size();
        std::string fatal = impl_->load_file(path, key_bytes, report);
        if (fatal.empty()) continue;
        report.errors.push_back("keytab " + path + ": " + fatal);
        impl_->skipped_entries.resize(skipped_before);  // the failure already says why
    }
    impl_->accounts = keytab::group_accounts(impl_->entries, impl_->keys);
    report.accounts = impl_->accounts.size();
    report.facts = keytab::account_facts(impl_->entries, impl_->keys, impl_->accounts);
    if (auto skipped = keytab::skipped_entries_fact(impl_->skipped_entries)) report.facts.push_back(*skipped);
    impl_->facts = report.facts;
    return report;
}

void KeytabOracle::clear() { impl_->clear(); }

bool KeytabOracle::empty() const { return impl_->keys.empty(); }

size_t KeytabOracle::account_count() const { return impl_->accounts.size(); }

const std::vector<KeytabFact>& KeytabOracle::facts() const { return impl_->facts; }

std::vector<std::string> KeytabOracle::account_labels() const
{
    std::vector<std::string> labels;
    for (const auto& account : impl_->accounts) labels.push_back(account.label);
    return labels;
}

// A web server's keytab never holds a KDC key: trying it on TGTs would only
// produce a misleading "no key decrypts" (and cost a decryption per key).
bool KeytabOracle::Impl::skips(const TicketObservation& ticket) const
{
    return !has_krbtgt && is_tgs_name(ticket.sname);
}

KeyVerdict KeytabOracle::check(const TicketObservation& ticket)
{
    if (empty() || ticket.cipher.empty() || impl_->skips(ticket)) return {};
    ++impl_->stats.tickets_checked;
    if (const KeyVerdict* cached = impl_->cache.find(ticket)) {
        ++impl_->stats.cache_hits;
        return *cached;
    }
    KeyVerdict verdict = impl_->compute(ticket);
    impl_->cache.store(ticket, verdict);
    return verdict;
}

std::optional<int64_t> KeytabOracle::open_pa_timestamp(const KerberosMessage& as_req)
{
    if (empty() || as_req.msg_type != KrbMsgType::as_req || as_req.pa_enc_timestamp.empty() || as_req.cname.empty())
        return std::nullopt;
    auto found = impl_->keys_by_etype.find(as_req.pa_enc_timestamp_etype);
    if (found == impl_->keys_by_etype.end()) return std::nullopt;
    std::string client = lowercase(as_req.cname + "@" + (as_req.crealm.empty() ? as_req.realm : as_req.crealm));
    krb5_enc_data input{};
    input.enctype = as_req.pa_enc_timestamp_etype;
    input.ciphertext.length = static_cast<unsigned int>(as_req.pa_enc_timestamp.size());
    input.ciphertext.data = const_cast<char*>(reinterpret_cast<const char*>(as_req.pa_enc_timestamp.data()));
    std::vector<uint8_t> plain(as_req.pa_enc_timestamp.size());
    for (size_t index : found->second) {
        const Key& key = impl_->keys[index];
        // Only the client's own keys: a service keytab must not be tried on every logon.
        if (std::find(key.principals_lowercase.begin(), key.principals_lowercase.end(), client) ==
            key.principals_lowercase.end())
            continue;
        ++impl_->stats.decrypt_attempts;
        krb5_data output{KV5M_DATA, static_cast<unsigned int>(plain.size()), reinterpret_cast<char*>(plain.data())};
        if (krb5_k_decrypt(impl_->context, key.handle, key_usage_pa_enc_timestamp, nullptr, &input, &output) != 0)
            continue;
        auto time = decode_pa_enc_ts_enc(der::Bytes(plain.data(), output.length));
        explicit_bzero(plain.data(), plain.size());
        if (time) return time;
    }
    return std::nullopt;
}

void KeytabOracle::annotate(FrameObservation& frame)
{
    if (empty()) return;
    for_each_ticket(frame, [this](TicketObservation& ticket) { ticket.key = check(ticket); });
    for (auto& msg : frame.kerberos)
        if (msg.msg_type == KrbMsgType::as_req) msg.pa_timestamp = open_pa_timestamp(msg);
}

const KeytabOracleStats& KeytabOracle::stats() const { return impl_->stats; }

}  // namespace kerbdiag

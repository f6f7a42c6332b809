// One decoder per protocol, called for each known field in a pre-order walk
// of the frame's tree (extract.cpp). A decoder records the field into the
// observation and may open a context (an HTTP message, an auth header, a
// Kerberos message, a ticket) that the node's children then see.
#pragma once

#include "fields.h"
#include "observations.h"

namespace kerbdiag::extract {

// What the nodes above the current one opened. Copied down the recursion;
// pointers refer to elements whose vectors do not grow while in use.
struct WalkContext {
    FrameObservation* frame = nullptr;
    HttpMessage* http = nullptr;
    AuthHeader* auth = nullptr;
    DnsMessage* dns = nullptr;
    KerberosMessage* krb = nullptr;
    TicketObservation* ticket = nullptr;
    bool nested_message = false;  // an AP-REQ inside PA-TGS-REQ / FAST armour
    bool in_padata = false;
    bool in_additional = false;
    bool in_icmp = false;
    bool read_ciphers = false;
    int32_t padata_type = 0;  // the PA-DATA whose value this is
};

enum class Step {
    not_mine,  // another decoder's field
    descend,   // recorded; walk the node's children
    skip,      // do not walk below this node
};

Step decode_http(Field field, field_info* fi, WalkContext& ctx);
Step decode_dns(Field field, field_info* fi, WalkContext& ctx);
Step decode_transport(Field field, field_info* fi, WalkContext& ctx);
Step decode_spnego(Field field, field_info* fi, AuthHeader& auth);
Step decode_ntlmssp(Field field, field_info* fi, AuthHeader& auth);
Step decode_kerberos(Field field, field_info* fi, WalkContext& ctx);

// The mechanism of an auth header once all its fields are read.
Mech mech_of(const AuthHeader& auth);

}  // namespace kerbdiag::extract

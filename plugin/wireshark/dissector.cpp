// Protocol registration and the post-dissector: extract, correlate, render.
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/tap.h>

#include <exception>
#include <new>

#include "correlator.h"
#include "extract.h"
#include "keytab_glue.h"
#include "registration.h"
#include "render.h"
#include "report.h"

namespace {

int proto_kerbdiag = -1;
int tap_kerbdiag = -1;
dissector_handle_t kerbdiag_handle;
kerbdiag::Correlator* correlator = nullptr;

// Whether this dissection keeps frames for a later visit. One-pass tshark
// dissects every frame into the same short-lived frame_data (a local of its
// read loop, destroyed after the frame, proto data included), so an earlier
// frame can never be shown again: a record kept for it would only grow
// memory. Wireshark, sharkd and tshark -2 keep one frame_data per frame.
// Decided once per file, at the second frame; until then records are kept.
enum class Revisits { unknown, possible, never };
Revisits revisits = Revisits::unknown;
const frame_data* first_frame_data = nullptr;

void note_frame_data(const packet_info* pinfo)
{
    if (revisits != Revisits::unknown) return;
    if (!first_frame_data) {
        first_frame_data = pinfo->fd;
        return;
    }
    if (pinfo->fd == first_frame_data) revisits = Revisits::never;
    else revisits = Revisits::possible;
}

// Init routines run at every (re)dissection, so enabling the protocol in a
// running GUI (which redissects) asks for the fields again. A disabled
// kerbdiag asks for nothing, so dissectors need not build a tree for it.
void init_routine()
{
    correlator->reset();
    revisits = Revisits::unknown;
    first_frame_data = nullptr;
    bool enabled = proto_is_protocol_enabled(find_protocol_by_id(proto_kerbdiag));
    set_postdissector_wanted_hfids(kerbdiag_handle, enabled ? kerbdiag_extract_wanted_hfids() : nullptr);
}

void cleanup_routine()
{
    set_postdissector_wanted_hfids(kerbdiag_handle, nullptr);
    correlator->reset();
}

void apply_prefs() { kerbdiag_keytab_apply_prefs(); }

// All C++ work of the first pass happens here, so that no object with a
// destructor is alive while the caller runs Wireshark APIs that may throw.
const FrameRecord* analyse_frame(proto_tree* tree, packet_info* pinfo) noexcept
{
    try {
        kerbdiag::FrameObservation frame;
        kerbdiag_extract_frame(tree, pinfo, frame);
        kerbdiag_keytab_annotate(frame);
        kerbdiag::FrameDiagnosis diagnosis = correlator->observe(frame);
        wmem_allocator_t* scope = revisits == Revisits::never ? pinfo->pool : wmem_file_scope();
        return kerbdiag_record_build(frame, diagnosis, correlator->problems(), scope);
    } catch (const std::exception& error) {
        ws_warning("kerbdiag: frame %u not analysed: %s", pinfo->num, error.what());
    } catch (...) {
        ws_warning("kerbdiag: frame %u not analysed", pinfo->num);
    }
    return nullptr;
}

int dissect_kerbdiag(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*)
{
    const FrameRecord* record;
    if (!PINFO_FD_VISITED(pinfo)) {
        note_frame_data(pinfo);
        record = analyse_frame(tree, pinfo);
        if (record && revisits != Revisits::never) p_add_proto_data(wmem_file_scope(), pinfo, proto_kerbdiag, 0, const_cast<FrameRecord*>(record));
    } else {
        record = static_cast<const FrameRecord*>(p_get_proto_data(wmem_file_scope(), pinfo, proto_kerbdiag, 0));
    }
    if (!record) return 0;
    kerbdiag_render(record, tvb, pinfo, tree, proto_kerbdiag);
    if (have_tap_listener(tap_kerbdiag)) tap_queue_packet(tap_kerbdiag, pinfo, record);
    return tvb_captured_length(tvb);
}

}  // namespace

const kerbdiag::ProblemBook& kerbdiag_problems() { return correlator->problems(); }

void kerbdiag_register_protocol()
{
    proto_kerbdiag = proto_register_protocol("Kerberos web authentication diagnostics", "kerbdiag", "kerbdiag");
    kerbdiag_render_register(proto_kerbdiag);
    module_t* module = prefs_register_protocol(proto_kerbdiag, apply_prefs);
    kerbdiag_keytab_register_prefs(module);
    correlator = new kerbdiag::Correlator();
    register_init_routine(init_routine);
    register_cleanup_routine(cleanup_routine);
    tap_kerbdiag = register_tap("kerbdiag");
    kerbdiag_report_register("kerbdiag");
}

void kerbdiag_register_handoff()
{
    kerbdiag_handle = create_dissector_handle(dissect_kerbdiag, proto_kerbdiag);
    register_postdissector(kerbdiag_handle);
    kerbdiag_extract_resolve_fields();
}

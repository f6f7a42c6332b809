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
#include "flow.h"
#include "frame_store.h"
#include "keytab_glue.h"
#include "registration.h"
#include "render.h"
#include "ws_compat.h"
#include "report.h"

namespace {

int proto_kerbdiag = -1;
int tap_kerbdiag = -1;
dissector_handle_t kerbdiag_handle;
kerbdiag::Correlator* correlator = nullptr;
// On frames that conclude a problem or carry a verdict only: elsewhere
// Wireshark's own Info says all there is.
kerbdiag::ws::flag info_note_enabled = TRUE;

// Init routines run at every (re)dissection, so enabling the protocol in a
// running GUI (which redissects) asks for the fields again. A disabled
// kerbdiag asks for nothing, so dissectors need not build a tree for it.
void ask_for_fields()
{
    bool enabled = proto_is_protocol_enabled(find_protocol_by_id(proto_kerbdiag));
    set_postdissector_wanted_hfids(kerbdiag_handle,
                                   enabled ? kerbdiag_extract_wanted_hfids(kerbdiag_keytab_loaded()) : nullptr);
}

void init_routine()
{
    correlator->reset();
    kerbdiag_frame_store_reset();
    ask_for_fields();
}

void cleanup_routine()
{
    set_postdissector_wanted_hfids(kerbdiag_handle, nullptr);
    correlator->reset();
}

// A new keytab's facts become problems at once, so that a report started
// before the file is read (tshark -z) already lists them.
void apply_prefs()
{
    if (!kerbdiag_keytab_apply_prefs()) return;
    correlator->set_keytab_facts(kerbdiag_keytab_facts());
    // The ciphers are wanted only with a keytab. A GUI redissects after a
    // preference change and asks again then; tshark reads its preferences
    // before the file.
    if (kerbdiag_handle) ask_for_fields();
}

// All C++ work of the first pass happens here, so that no object with a
// destructor is alive while the caller runs Wireshark APIs that may throw.
const FrameRecord* analyse_frame(proto_tree* tree, packet_info* pinfo, wmem_allocator_t* scope) noexcept
{
    try {
        kerbdiag::FrameObservation frame;
        kerbdiag_extract_frame(tree, pinfo, kerbdiag_keytab_loaded(), frame);
        kerbdiag_keytab_annotate(frame);
        kerbdiag::FrameDiagnosis diagnosis = correlator->observe(frame);
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
        bool kept = kerbdiag_frames_are_kept(pinfo);
        record = analyse_frame(tree, pinfo, kept ? wmem_file_scope() : pinfo->pool);
        if (record && kept) p_add_proto_data(wmem_file_scope(), pinfo, proto_kerbdiag, 0, const_cast<FrameRecord*>(record));
    } else {
        record = static_cast<const FrameRecord*>(p_get_proto_data(wmem_file_scope(), pinfo, proto_kerbdiag, 0));
    }
    if (!record) return 0;
    kerbdiag_render(record, tvb, pinfo, tree, proto_kerbdiag);
    if (info_note_enabled && record->info_note) col_append_sep_str(pinfo->cinfo, COL_INFO, " ", record->info_note);
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
    prefs_register_bool_preference(module, "info_note", "Diagnosis in the Info column",
                                   "Append a short kerbdiag note to the Info column of frames that conclude a "
                                   "problem or carry an authentication verdict",
                                   &info_note_enabled);
    correlator = new kerbdiag::Correlator();
    register_init_routine(init_routine);
    register_cleanup_routine(cleanup_routine);
    tap_kerbdiag = register_tap("kerbdiag");
    kerbdiag_report_register("kerbdiag");
    kerbdiag_flow_register(proto_kerbdiag, "kerbdiag");
}

void kerbdiag_register_handoff()
{
    kerbdiag_handle = create_dissector_handle(dissect_kerbdiag, proto_kerbdiag);
    register_postdissector(kerbdiag_handle);
    kerbdiag_extract_resolve_fields();
}

// The probe: ask Wireshark for the time stamp of an earlier frame that is
// neither the time reference nor the previous frame, which one-pass tshark
// holds apart from the frame list. Only a session that stores its frames
// can answer. The exported way to ask is frame_data_compare() on the
// relative time: each side's time is measured from its reference frame,
// and a reference that cannot be found measures zero. Two probes set one
// second apart against frame 2 therefore compare equal exactly when frame
// 2 is not stored. A wrong "kept" costs memory only, never a record.
// Wireshark warns on every time stamp it cannot find; for the probe that is
// the expected answer, so its warnings are held back for that one call.
#include "frame_store.h"

#include <epan/column-info.h>
#include <epan/frame_data.h>
#include <wsutil/wslog.h>

namespace {

enum class FrameStore { unknown, kept, not_kept };
FrameStore frame_store = FrameStore::unknown;

constexpr guint32 probe_frame = 2;

bool earlier_frame_is_stored(const packet_info* pinfo)
{
    frame_data earlier = *pinfo->fd;
    earlier.frame_ref_num = probe_frame;
    earlier.abs_ts.secs = 0;
    earlier.abs_ts.nsecs = 0;
    frame_data later = earlier;
    later.abs_ts.secs = 1;
    enum ws_log_level level = ws_log_get_level();
    if (level < LOG_LEVEL_ERROR) ws_log_set_level(LOG_LEVEL_ERROR);
    bool stored = frame_data_compare(pinfo->epan, &earlier, &later, COL_REL_TIME) != 0;
    ws_log_set_level(level);
    return stored;
}

}  // namespace

void kerbdiag_frame_store_reset() { frame_store = FrameStore::unknown; }

bool kerbdiag_frames_are_kept(const packet_info* pinfo)
{
    // Frame 1 is the reference and frame n-1 the previous one: from frame 4
    // on, frame 2 is neither.
    if (frame_store == FrameStore::unknown && pinfo->num > probe_frame + 1)
        frame_store = earlier_frame_is_stored(pinfo) ? FrameStore::kept : FrameStore::not_kept;
    return frame_store != FrameStore::not_kept;
}

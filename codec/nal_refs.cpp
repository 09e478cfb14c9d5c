#include "codec/nal_refs.h"

namespace codec::detail {

namespace {

// Verdict on one NAL unit header.
enum class Nal { Ignore, Reference, NonReference };

Nal classify(NalCodec codec, const uint8_t* nal, size_t size)
{
    if (size < 1 || (nal[0] & 0x80)) // forbidden_zero_bit
        return Nal::Reference;       // malformed: be conservative
    if (codec == NalCodec::H264) {
        const int type = nal[0] & 0x1f;
        if (type == 7 || type == 8 || type == 13 || type == 15) // SPS, PPS, SPS ext., subset SPS
            return Nal::Reference; // the decoder must see parameter sets: send the packet
        if (type < 1 || type > 5) // not a slice (SEI, AUD, ...)
            return Nal::Ignore;
        return (nal[0] & 0x60) == 0 ? Nal::NonReference : Nal::Reference;
    }
    if (size < 2)
        return Nal::Reference;
    const int type = (nal[0] >> 1) & 0x3f;
    if (type >= 32 && type <= 34) // VPS, SPS, PPS: the decoder must see them
        return Nal::Reference;
    if (type > 31) // SEI, AUD, ...
        return Nal::Ignore;
    if ((nal[0] & 0x01) || (nal[1] >> 3)) // nuh_layer_id > 0: another layer
        return Nal::Reference;
    switch (type) {
    case 0: case 2: case 4: case 6: case 8: case 10: case 12: case 14:
        return Nal::NonReference;
    default:
        return Nal::Reference;
    }
}

// Start of the next Annex B start code (00 00 01) at or after `from`, or `size`.
size_t nextStartCode(const uint8_t* d, size_t size, size_t from)
{
    for (size_t i = from; i + 2 < size; ++i)
        if (d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1)
            return i;
    return size;
}

} // namespace

NalFormat nalFormat(NalCodec codec, const uint8_t* extradata, size_t size)
{
    NalFormat f;
    f.codec = codec;
    if (codec == NalCodec::Other || !extradata || size == 0)
        return f; // no record: Annex B
    if (codec == NalCodec::H264 && extradata[0] == 1 && size >= 7)
        f.lengthSize = (extradata[4] & 0x03) + 1;
    else if (codec == NalCodec::Hevc && extradata[0] == 1 && size >= 23)
        f.lengthSize = (extradata[21] & 0x03) + 1;
    if (f.lengthSize == 3) // not allowed by either record
        f.codec = NalCodec::Other;
    return f;
}

bool isDisposable(const NalFormat& format, const uint8_t* data, size_t size)
{
    if (format.codec == NalCodec::Other || !data)
        return false;
    bool sawSlice = false;
    auto visit = [&](const uint8_t* nal, size_t n) {
        switch (classify(format.codec, nal, n)) {
        case Nal::Ignore: return true;
        case Nal::Reference: return false;
        case Nal::NonReference: sawSlice = true; return true;
        }
        return false;
    };
    if (format.lengthSize > 0) {
        size_t pos = 0;
        while (pos < size) {
            if (size - pos < static_cast<size_t>(format.lengthSize))
                return false;
            size_t len = 0;
            for (int i = 0; i < format.lengthSize; ++i)
                len = (len << 8) | data[pos + i];
            pos += format.lengthSize;
            if (len == 0 || len > size - pos)
                return false;
            if (!visit(data + pos, len))
                return false;
            pos += len;
        }
        return sawSlice;
    }
    size_t start = nextStartCode(data, size, 0);
    if (start == size)
        return false;
    while (start < size) {
        const size_t nal = start + 3;
        size_t next = nextStartCode(data, size, nal);
        size_t end = next;
        while (end > nal && data[end - 1] == 0) // trailing zero bytes / 4-byte start code
            --end;
        if (end > nal && !visit(data + nal, end - nal))
            return false;
        start = next;
    }
    return sawSlice;
}

} // namespace codec::detail

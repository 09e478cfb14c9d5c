#pragma once
// What Bondline writes into an .eaf file beyond plain EAF 3.0, shared by the writer
// (exchange_eaf_write.cpp) and the reader (exchange_eaf_read.cpp). Internal to projects/.
//
// Header PROPERTY elements (EAF allows any NAME):
//   bondline:tier-content        "item" (the tier names the item) or "dimension" (the
//                                annotation value is the item)
//   bondline:point-span-ms       annotations this long are point events
//   bondline:case                "<case uuid> <case code>"
//   bondline:session             "<session uuid> <session number>"
//   bondline:coder               "<coder uuid> <coder name>"
//   bondline:participant:<code>  "<participant uuid> <role>"
//   bondline:tier:<TIER_ID>      "<scheme content hash> <group>" (group = item or dimension;
//                                a tier split to avoid overlaps has the same group)
//   bondline:scheme:<hash>       "<scheme id> <version>"
//   bondline:coding:<ANNOTATION_ID>  "<uuid>\t<target code>\t<frame pts>\t<onset µs>\t
//                                <offset µs>\t<comment>" (the exact times; they are used
//                                while they still round to the annotation's milliseconds,
//                                so a time edited in ELAN wins)
// so that importing Bondline's own export lands on the same case, session, coder,
// participants, scheme and codings.
namespace projects::eaf {

inline constexpr const char* kTierContent = "bondline:tier-content";
inline constexpr const char* kPointSpan = "bondline:point-span-ms";
inline constexpr const char* kCase = "bondline:case";
inline constexpr const char* kSession = "bondline:session";
inline constexpr const char* kCoder = "bondline:coder";
inline constexpr const char* kParticipantPrefix = "bondline:participant:";
inline constexpr const char* kTierPrefix = "bondline:tier:";
inline constexpr const char* kSchemePrefix = "bondline:scheme:";
inline constexpr const char* kCodingPrefix = "bondline:coding:";
inline constexpr const char* kLinguisticType = "bondline-coding";

} // namespace projects::eaf

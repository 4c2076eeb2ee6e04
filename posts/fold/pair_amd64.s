//go:build amd64 && !purego

#include "textflag.h"

// LOOKUP sets out to the group masks of the sixteen bytes in x (which it
// overwrites): lo[low half of each] AND hi[high half], by byte shuffles.
// X12 holds 0x0f in each byte; X2 and tmp are overwritten.
#define LOOKUP(x, lo, hi, tmp, out) \
	MOVO   x, X2    \
	PAND   X12, X2  \
	PSRLW  $4, x    \
	PAND   X12, x   \
	MOVO   lo, out  \
	PSHUFB X2, out  \
	MOVO   hi, tmp  \
	PSHUFB x, tmp   \
	PAND   tmp, out

// func pairBlocks(s []byte, ps *pairSet, i int) (at int, mask uint32)
//
// For each block of sixteen places from i, the sixteen bytes s[at] and
// the sixteen bytes s[at+1] are each split into their low and high four
// bits; a byte shuffle (PSHUFB) looks each half up in its table of
// sixteen group masks; the four masks of a place are ANDed, and a place
// whose mask is not zero is in the set (see pairSet). The first block
// with a place in it is returned with a bit set for each of its places.
TEXT ·pairBlocks(SB), NOSPLIT, $0-52
	MOVQ s_base+0(FP), SI
	MOVQ s_len+8(FP), BX
	MOVQ ps+24(FP), DI
	MOVQ i+32(FP), CX
	MOVOU 0(DI), X8   // lo1
	MOVOU 16(DI), X9  // hi1
	MOVOU 32(DI), X10 // lo2
	MOVOU 48(DI), X11 // hi2
	MOVQ $0x0f0f0f0f0f0f0f0f, AX
	MOVQ AX, X12
	PUNPCKLQDQ X12, X12 // 0x0f in each byte
	PXOR X13, X13       // zero

loop:
	LEAQ 17(CX), DX
	CMPQ DX, BX
	JA   rest
	MOVOU (SI)(CX*1), X0  // s[at:at+16]
	MOVOU 1(SI)(CX*1), X1 // s[at+1:at+17]
	LOOKUP(X0, X8, X9, X4, X3)   // masks of the first bytes
	LOOKUP(X1, X10, X11, X6, X5) // of the second bytes
	PAND X5, X3

	PCMPEQB  X13, X3 // 0xff at the places in no group
	PMOVMSKB X3, DX
	XORL     $0xffff, DX
	JNZ      found
	ADDQ     $16, CX
	JMP      loop

found:
	MOVQ CX, at+40(FP)
	MOVL DX, mask+48(FP)
	RET

rest:
	MOVQ CX, at+40(FP)
	MOVL $0, mask+48(FP)
	RET

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The target description gdb reads with qXfer:features:read: gdb's own
 * amd64 features in gdb's register order (64bit-core, -sse, -linux,
 * -segments), so registers are numbered as usual, then the simulated
 * CPU's: cr2, dr6, dr7 and exc_nmi's nmi_state.
 */
#include "gdbstub.h"

#define GPR(n, t) "<reg name=\"" n "\" bitsize=\"64\" type=\"" t "\"/>"
#define SEG(n) "<reg name=\"" n "\" bitsize=\"32\" type=\"int32\"/>"
#define ST(n) "<reg name=\"st" n "\" bitsize=\"80\" type=\"i387_ext\"/>"
#define FPC(n) \
	"<reg name=\"" n "\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
#define XMM(n) "<reg name=\"xmm" n "\" bitsize=\"128\" type=\"vec128\"/>"
#define FLAG(n, b) "<field name=\"" n "\" start=\"" b "\" end=\"" b "\"/>"

const char gdb_target_xml[] =
	"<?xml version=\"1.0\"?>"
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
	"<target version=\"1.0\">"
	"<architecture>i386:x86-64</architecture>"
	"<osabi>GNU/Linux</osabi>"
	"<feature name=\"org.gnu.gdb.i386.core\">"
	"<flags id=\"i386_eflags\" size=\"4\">" FLAG("CF", "0") FLAG(
		"",
		"1") FLAG("PF",
			  "2") FLAG("AF",
				    "4") FLAG("ZF",
					      "6") FLAG("SF",
							"7") FLAG("TF",
								  "8") FLAG("IF",
									    "9")
		FLAG("DF", "10") FLAG("OF", "11") FLAG("NT", "14") FLAG(
			"RF", "16") FLAG("VM",
					 "17") FLAG("AC",
						    "18") FLAG("VIF",
							       "19") FLAG("VIP",
									  "20")
			FLAG("ID", "21") "</flags>" GPR("rax", "int64") GPR(
				"rbx",
				"int64") GPR("rcx",
					     "int64") GPR("rdx",
							  "int64") GPR("rsi", "int64") GPR("rdi",
											   "int64")
				GPR("rbp", "data_ptr") GPR("rsp", "data_ptr") GPR("r8", "int64") GPR("r9", "int64") GPR("r10", "int64") GPR(
					"r11",
					"int64") GPR("r12",
						     "int64") GPR("r13",
								  "int64") GPR("r14", "int64")
					GPR("r15", "int64") GPR("rip", "code_ptr") "<reg name=\"eflags\" bitsize=\"32\" type=\"i386_eflags\"/>" SEG(
						"cs") SEG("ss") SEG("ds") SEG("es") SEG("fs")
						SEG("gs") ST("0") ST("1") ST("2") ST("3") ST("4") ST("5") ST("6") ST("7") FPC("fctrl") FPC(
							"fstat") FPC("ftag") FPC("fiseg") FPC("fioff") FPC("foseg") FPC("fooff")
							FPC("fop") "</feature>"
								   "<feature name=\"org.gnu.gdb.i386.sse\">"
								   "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
								   "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
								   "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
								   "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
								   "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
								   "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
								   "<union id=\"vec128\">"
								   "<field name=\"v4_float\" type=\"v4f\"/>"
								   "<field name=\"v2_double\" type=\"v2d\"/>"
								   "<field name=\"v16_int8\" type=\"v16i8\"/>"
								   "<field name=\"v8_int16\" type=\"v8i16\"/>"
								   "<field name=\"v4_int32\" type=\"v4i32\"/>"
								   "<field name=\"v2_int64\" type=\"v2i64\"/>"
								   "<field name=\"uint128\" type=\"uint128\"/>"
								   "</union>"
								   "<flags id=\"i386_mxcsr\" size=\"4\">" FLAG("IE", "0") FLAG("DE", "1") FLAG("ZE", "2") FLAG(
									   "OE",
									   "3") FLAG("UE",
										     "4") FLAG("PE", "5")
									   FLAG("DAZ", "6") FLAG("IM", "7") FLAG("DM", "8") FLAG(
										   "ZM",
										   "9") FLAG("OM",
											     "10") FLAG("UM", "11")
										   FLAG("PM", "12") FLAG("FZ", "15") "</flags>" XMM(
											   "0") XMM("1") XMM("2") XMM("3") XMM("4")
											   XMM("5") XMM("6") XMM("7") XMM(
												   "8") XMM("9") XMM("10") XMM("11")
												   XMM("12") XMM("13") XMM("14") XMM(
													   "15") "<reg name=\"mxcsr\" bitsize=\"32\" type=\"i386_mxcsr\" group=\"vector\"/>"
														 "</feature>"
														 "<feature name=\"org.gnu.gdb.i386.linux\">"
														 "<reg name=\"orig_rax\" bitsize=\"64\" type=\"int\"/>"
														 "</feature>"
														 "<feature name=\"org.gnu.gdb.i386.segments\">"
														 "<reg name=\"fs_base\" bitsize=\"64\" type=\"int\"/>"
														 "<reg name=\"gs_base\" bitsize=\"64\" type=\"int\"/>"
														 "</feature>"
														 "<feature name=\"org.vkernel.cpu\">"
														 "<enum id=\"nmi_states\" size=\"8\">"
														 "<evalue name=\"NMI_NOT_RUNNING\" value=\"0\"/>"
														 "<evalue name=\"NMI_EXECUTING\" value=\"1\"/>"
														 "<evalue name=\"NMI_LATCHED\" value=\"2\"/>"
														 "</enum>"
														 "<reg name=\"cr2\" bitsize=\"64\" type=\"data_ptr\" group=\"system\"/>"
														 "<reg name=\"dr6\" bitsize=\"64\" type=\"uint64\" group=\"system\"/>"
														 "<reg name=\"dr7\" bitsize=\"64\" type=\"uint64\" group=\"system\"/>"
														 "<reg name=\"nmi_state\" bitsize=\"64\" type=\"nmi_states\" group=\"system\"/>"
														 "</feature>"
														 "</target>";

const unsigned long gdb_target_xml_len = sizeof(gdb_target_xml) - 1;

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module parameters (main.c), read with READ_ONCE(): an administrator
 * may change them at any time through /sys/module/gssk/parameters.
 */
#ifndef _GSSK_PARAMS_H
#define _GSSK_PARAMS_H

extern unsigned int gssk_default_ttl;
extern unsigned int gssk_max_ttl;
extern unsigned int gssk_max_tokens_per_user;

#endif /* _GSSK_PARAMS_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * The per-context side of gssk's Kerberos crypto, shared by both backends
 * (see krb5_crypto.h): a context's four usage keys, their memory, the
 * random confounder of an encryption and the scatterlist of a vmalloc'ed
 * buffer. What a usage key is and how it encrypts and checksums is the
 * backend's: krb5_crypto.c (gssk's own RFC 3961/3962/8009 code) or
 * krb5_lib.c (the kernel's crypto/krb5 library, where it exists).
 */
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "krb5_crypto.h"
#include "testmode.h"

/* Scatterlist over a vmalloc'ed buffer, one entry per page. */
int gssk_krb5_vmalloc_sg(struct sg_table *sgt, u8 *buf, size_t len)
{
	unsigned int nents = DIV_ROUND_UP(offset_in_page(buf) + len, PAGE_SIZE);
	struct scatterlist *sg;
	unsigned int i;
	int err;

	err = sg_alloc_table(sgt, nents, GFP_KERNEL);
	if (err)
		return err;
	for_each_sg(sgt->sgl, sg, nents, i) {
		unsigned int off = offset_in_page(buf);
		unsigned int chunk = min_t(size_t, len, PAGE_SIZE - off);
		struct page *page = vmalloc_to_page(buf);

		if (!page) {
			sg_free_table(sgt);
			return -EFAULT;
		}
		sg_set_page(sg, page, chunk, off);
		buf += chunk;
		len -= chunk;
	}
	return 0;
}

int gssk_krb5_encrypt(const struct gssk_enctype *et,
		      const struct gssk_krb5_ukey *u, u8 *buf,
		      size_t plain_len)
{
	u8 conf[GSSK_KRB5_CONF_LEN];
	int err;

	get_random_bytes(conf, sizeof(conf));
	err = gssk_krb5_encrypt_conf(et, u, conf, buf, plain_len);
	memzero_explicit(conf, sizeof(conf));
	return err;
}

void gssk_krb5_free(struct gssk_krb5 *k)
{
	int i;

	if (IS_ERR_OR_NULL(k))
		return;
	for (i = 0; i < 2; i++) {
		gssk_krb5_ukey_destroy(&k->seal[i]);
		gssk_krb5_ukey_destroy(&k->sign[i]);
	}
	kfree_sensitive(k);
	gssk_test_secrets_dec();
}

/*
 * Create the per-message state of a context: derive, from the acceptor
 * subkey when there is one and from the context key otherwise, the keys of
 * the four RFC 4121 usages and key their transforms. Both keys are
 * validated against their enctypes. Returns an ERR_PTR on failure:
 * -EINVAL for an unknown enctype or a wrong key length, -ENOENT (or
 * another crypto API error) when an algorithm is missing, -ENOMEM.
 */
struct gssk_krb5 *gssk_krb5_new(u32 enctype, const u8 *key,
				unsigned int key_len, u32 subkey_enctype,
				const u8 *subkey, unsigned int subkey_len,
				bool initiator)
{
	static const u32 seal_usage[2] = {
		GSSK_KG_USAGE_INITIATOR_SEAL, GSSK_KG_USAGE_ACCEPTOR_SEAL
	};
	static const u32 sign_usage[2] = {
		GSSK_KG_USAGE_INITIATOR_SIGN, GSSK_KG_USAGE_ACCEPTOR_SIGN
	};
	const struct gssk_enctype *et;
	struct gssk_krb5 *k;
	const u8 *base;
	int i, err;

	et = gssk_enctype_find(enctype);
	if (!et || !key || key_len != et->key_len)
		return ERR_PTR(-EINVAL);
	base = key;
	if (subkey || subkey_len) {
		et = gssk_enctype_find(subkey_enctype);
		if (!et || !subkey || subkey_len != et->key_len)
			return ERR_PTR(-EINVAL);
		base = subkey;
	}

	k = kzalloc(sizeof(*k), GFP_KERNEL_ACCOUNT);
	if (!k)
		return ERR_PTR(-ENOMEM);
	gssk_test_secrets_inc();
	k->et = et;
	k->initiator = initiator;
	k->acceptor_subkey = base == subkey;

	for (i = 0; i < 2; i++) {
		err = gssk_krb5_ukey_init(&k->seal[i], et, base, seal_usage[i],
					  true);
		if (err)
			goto fail;
		err = gssk_krb5_ukey_init(&k->sign[i], et, base, sign_usage[i],
					  false);
		if (err)
			goto fail;
	}
	return k;
fail:
	gssk_krb5_free(k);
	return ERR_PTR(err);
}

unsigned int gssk_krb5_mem(const struct gssk_krb5 *k)
{
	unsigned int i, n = kmalloc_size_roundup(sizeof(*k));

	for (i = 0; i < 2; i++) {
		n += gssk_krb5_ukey_mem(&k->seal[i]);
		n += gssk_krb5_ukey_mem(&k->sign[i]);
	}
	return n;
}

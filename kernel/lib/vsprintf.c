// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's own formatter, after lib/vsprintf.c: NMI-safe (no
 * allocation, no locale, no libc stdio).  Supports the subset vkernel
 * prints: flags "-0+ #", width and precision (also "*"), length h hh l ll
 * z, conversions d i u x X o c s p %, and %pS/%ps/%pB (symbolized).
 */
#include <stdint.h>
#include <string.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>

struct printf_spec {
	unsigned int left : 1, zero : 1, plus : 1, space : 1, special : 1;
	int width;
	int precision;
	int base;
	int upper;
};

struct out {
	char *buf;
	size_t size;
	size_t len; /* what would have been written */
};

static __nmisafe void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static __nmisafe void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static __nmisafe void put_str(struct out *o, const char *s,
			      const struct printf_spec *spec)
{
	int n = 0;

	if (!s)
		s = "(null)";
	while (s[n] && (spec->precision < 0 || n < spec->precision))
		n++;
	if (!spec->left)
		pad(o, ' ', spec->width - n);
	for (int i = 0; i < n; i++)
		put(o, s[i]);
	if (spec->left)
		pad(o, ' ', spec->width - n);
}

static __nmisafe void put_num(struct out *o, unsigned long long num, int neg,
			      const struct printf_spec *spec)
{
	const char *digits = spec->upper ? "0123456789ABCDEF" :
					   "0123456789abcdef";
	char tmp[24];
	char sign = neg ? '-' : spec->plus ? '+' : spec->space ? ' ' : 0;
	int n = 0, prefix = 0, prec, width;

	do {
		tmp[n++] = digits[num % spec->base];
		num /= spec->base;
	} while (num);
	if (spec->special && spec->base == 16)
		prefix = 2;
	prec = spec->precision > n ? spec->precision : n;
	width = spec->width - prec - prefix - (sign ? 1 : 0);
	if (!spec->left && !spec->zero)
		pad(o, ' ', width);
	if (sign)
		put(o, sign);
	if (prefix) {
		put(o, '0');
		put(o, spec->upper ? 'X' : 'x');
	}
	if (!spec->left && spec->zero)
		pad(o, '0', width);
	pad(o, '0', prec - n);
	while (n)
		put(o, tmp[--n]);
	if (spec->left)
		pad(o, ' ', width);
}

static __nmisafe const char *parse_flags(const char *fmt,
					 struct printf_spec *spec)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-':
			spec->left = 1;
			break;
		case '0':
			spec->zero = 1;
			break;
		case '+':
			spec->plus = 1;
			break;
		case ' ':
			spec->space = 1;
			break;
		case '#':
			spec->special = 1;
			break;
		default:
			return fmt;
		}
	}
}

static __nmisafe const char *parse_int(const char *fmt, int *val, va_list *ap)
{
	if (*fmt == '*') {
		*val = va_arg(*ap, int);
		return fmt + 1;
	}
	*val = 0;
	while (*fmt >= '0' && *fmt <= '9')
		*val = *val * 10 + (*fmt++ - '0');
	return fmt;
}

static __nmisafe const char *pointer(struct out *o, const char *fmt, void *p,
				     struct printf_spec *spec)
{
	char sym[KSYM_SYMBOL_LEN];

	switch (*fmt) {
	case 'S':
	case 's':
	case 'B':
		if (*fmt == 'B')
			sprint_backtrace(sym, (unsigned long)p);
		else
			sprint_symbol(sym, (unsigned long)p);
		if (*fmt == 's') {
			char *plus = strchr(sym, '+');

			if (plus)
				*plus = 0;
		}
		put_str(o, sym, spec);
		return fmt + 1;
	}
	spec->base = 16;
	spec->special = 1;
	put_num(o, (uintptr_t)p, 0, spec);
	return fmt;
}

static __nmisafe unsigned long long get_unsigned(int len, va_list *ap)
{
	switch (len) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned int);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	}
	return va_arg(*ap, unsigned int);
}

static __nmisafe long long get_signed(int len, va_list *ap)
{
	switch (len) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z':
		return va_arg(*ap, long);
	}
	return va_arg(*ap, int);
}

static __nmisafe const char *parse_len(const char *fmt, int *len)
{
	*len = 0;
	if (fmt[0] == 'h' && fmt[1] == 'h') {
		*len = 'H';
		return fmt + 2;
	}
	if (fmt[0] == 'l' && fmt[1] == 'l') {
		*len = 'L';
		return fmt + 2;
	}
	if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z') {
		*len = *fmt;
		return fmt + 1;
	}
	return fmt;
}

static __nmisafe const char *conversion(struct out *o, const char *fmt,
					struct printf_spec *spec, int len,
					va_list *ap)
{
	long long s;

	switch (*fmt) {
	case 'c':
		put(o, (char)va_arg(*ap, int));
		break;
	case 's':
		put_str(o, va_arg(*ap, const char *), spec);
		break;
	case 'p':
		return pointer(o, fmt + 1, va_arg(*ap, void *), spec);
	case '%':
		put(o, '%');
		break;
	case 'd':
	case 'i':
		s = get_signed(len, ap);
		put_num(o,
			s < 0 ? -(unsigned long long)s : (unsigned long long)s,
			s < 0, spec);
		break;
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		spec->base = *fmt == 'o' ? 8 : *fmt == 'u' ? 10 : 16;
		spec->upper = *fmt == 'X';
		put_num(o, get_unsigned(len, ap), 0, spec);
		break;
	default:
		put(o, '%');
		put(o, *fmt);
		break;
	}
	return fmt + 1;
}

__nmisafe int k_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		struct printf_spec spec = { .precision = -1, .base = 10 };
		int len;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_flags(fmt + 1, &spec);
		fmt = parse_int(fmt, &spec.width, &ap);
		if (spec.width < 0) {
			spec.left = 1;
			spec.width = -spec.width;
		}
		if (*fmt == '.')
			fmt = parse_int(fmt + 1, &spec.precision, &ap);
		fmt = parse_len(fmt, &len);
		if (!*fmt)
			break;
		fmt = conversion(&o, fmt, &spec, len, &ap);
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

__nmisafe int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i = k_vsnprintf(buf, size, fmt, args);

	if (!size)
		return 0;
	return (size_t)i < size ? i : (int)size - 1;
}

__nmisafe int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}

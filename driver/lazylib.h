/* lazylib.h - libcurl and libarchive, loaded when first needed
 *
 * Most runs of gostatic (verify, a build on a warm store) use neither
 * library, yet linking them costs every run the loading of them and of the
 * dozens of libraries they pull in (about 7 ms). So they are opened with
 * dlopen() on first use. A gostatic linked with -static (meson option
 * dlopen_deps=false) links them directly and the same tables point at
 * them. Callers use the tables: curl()->easy_init(), la()->read_new(). */
#ifndef GS_LAZYLIB_H
#define GS_LAZYLIB_H

#include <archive.h>
#include <archive_entry.h>
#include <curl/curl.h>

#define CURL_FUNCS(X)                                  \
	X(curl_global_init, global_init)               \
	X(curl_easy_init, easy_init)                   \
	X(curl_easy_setopt, easy_setopt)               \
	X(curl_easy_perform, easy_perform)             \
	X(curl_easy_getinfo, easy_getinfo)             \
	X(curl_easy_cleanup, easy_cleanup)             \
	X(curl_easy_strerror, easy_strerror)            \
	X(curl_easy_reset, easy_reset)                 \
	X(curl_slist_append, slist_append)             \
	X(curl_slist_free_all, slist_free_all)         \
	X(curl_easy_escape, easy_escape)               \
	X(curl_free, free)

#define ARCHIVE_FUNCS(X)                                         \
	X(archive_read_new, read_new)                            \
	X(archive_read_support_filter_all, read_support_filter_all) \
	X(archive_read_support_format_all, read_support_format_all) \
	X(archive_read_open_filename, read_open_filename)        \
	X(archive_read_next_header, read_next_header)            \
	X(archive_read_data_block, read_data_block)              \
	X(archive_read_free, read_free)                          \
	X(archive_write_disk_new, write_disk_new)                \
	X(archive_write_disk_set_options, write_disk_set_options) \
	X(archive_write_header, write_header)                    \
	X(archive_write_data_block, write_data_block)            \
	X(archive_write_finish_entry, write_finish_entry)        \
	X(archive_write_free, write_free)                        \
	X(archive_error_string, error_string)                    \
	X(archive_entry_pathname, entry_pathname)                \
	X(archive_entry_filetype, entry_filetype)                \
	X(archive_entry_hardlink, entry_hardlink)                \
	X(archive_entry_symlink, entry_symlink)                  \
	X(archive_entry_perm, entry_perm)                        \
	X(archive_entry_size, entry_size)                        \
	X(archive_entry_set_hardlink, entry_set_hardlink)        \
	X(archive_entry_set_pathname, entry_set_pathname)        \
	X(archive_entry_set_perm, entry_set_perm)                \
	X(archive_write_new, write_new)                          \
	X(archive_write_set_format_pax_restricted, write_set_format_pax_restricted) \
	X(archive_write_add_filter_zstd, write_add_filter_zstd)  \
	X(archive_write_set_filter_option, write_set_filter_option) \
	X(archive_write_set_bytes_in_last_block, write_set_bytes_in_last_block) \
	X(archive_write_open_filename, write_open_filename)      \
	X(archive_write_data, write_data)                        \
	X(archive_write_close, write_close)                      \
	X(archive_entry_new, entry_new)                          \
	X(archive_entry_free, entry_free)                        \
	X(archive_entry_set_filetype, entry_set_filetype)        \
	X(archive_entry_set_size, entry_set_size)                \
	X(archive_entry_set_mtime, entry_set_mtime)              \
	X(archive_entry_set_uid, entry_set_uid)                  \
	X(archive_entry_set_gid, entry_set_gid)                  \
	X(archive_entry_set_symlink, entry_set_symlink)

struct curl_api {
#define X(fn, field) __typeof__(fn) *field;
	CURL_FUNCS(X)
#undef X
};

struct archive_api {
#define X(fn, field) __typeof__(fn) *field;
	ARCHIVE_FUNCS(X)
#undef X
};

/* libcurl's functions, loading the library the first time; NULL after
 * printing why it cannot be loaded (and which Debian package has it). */
const struct curl_api *curl(void);
/* libarchive's functions, likewise. */
const struct archive_api *la(void);

#endif

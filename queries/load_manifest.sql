-- One row per export file the build read: its status and row counts.
with

manifest as (
    select * from load_manifest
),

files as (
    select
        file_path,
        source,
        status,
        status in ('loaded', 'partly_loaded') as is_loaded,
        rows_read,
        rows_loaded,
        rows_rejected,
        rows_skipped,
        encoding,
        header_line,
        ignored_headers,
        message_zh,
        message_en,
        loaded_at
    from manifest
)

select * from files
order by file_path

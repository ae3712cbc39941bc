-- The one row that describes the current build: cut-off, time and totals.
with

build as (
    select * from build_info
),

manifest as (
    select * from load_manifest
),

totals as (
    select
        count(*) as file_count,
        count(*) filter (
            where status not in ('loaded', 'partly_loaded', 'duplicate_file')
        ) as failed_file_count,
        cast(coalesce(sum(rows_loaded), 0) as bigint) as loaded_row_count,
        cast(coalesce(sum(rows_rejected), 0) as bigint) as rejected_row_count
    from manifest
),

summary as (
    select
        build.center_id,
        build.as_of_date,
        build.built_at,
        totals.file_count,
        totals.failed_file_count,
        totals.loaded_row_count,
        totals.rejected_row_count
    from build
    cross join totals
)

select * from summary

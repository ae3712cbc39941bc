-- One row per value that points at a person, vehicle or building not found,
-- with how many rows carry it and where it is first seen.
with

unmatched as (
    select * from unmatched_references
),

grouped as (
    select
        source,
        column_name,
        target_source,
        value,
        count(*) as row_count,
        arg_min(
            source_file || ':' || source_line, (source_file, source_line)
        ) as example_location
    from unmatched
    group by source, column_name, target_source, value
)

select * from grouped
order by source, column_name, value

-- One row per natural key whose copies across exports differ in content.
with

conflicts as (
    select * from duplicate_conflicts
),

listed as (
    select
        source,
        natural_key,
        version_count,
        array_to_string(copies, '; ') as copy_locations
    from conflicts
)

select * from listed
order by source, natural_key

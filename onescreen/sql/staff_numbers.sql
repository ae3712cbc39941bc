-- Every staff number of either roster, resolved to the person it belongs to.
create or replace table staff_numbers as

with

staff_records as (

    select * from staff_records

),

people as (

    select * from people

),

numbered as (

    select
        center_id,
        staff_no,
        person_id,
        track,
        department,
        post_name,
        post_family,
        -- A number used by two people (two numbering systems) is ambiguous;
        -- the established roster's holder is taken and the row is flagged.
        row_number() over (
            partition by center_id, staff_no
            order by case track when 'established' then 1 else 2 end
        ) as number_rank,
        count(distinct person_id) over (
            partition by center_id, staff_no
        ) as holder_count

    from staff_records
    where staff_no is not null

),

final as (

    select
        numbered.center_id,
        numbered.staff_no,
        numbered.person_id,
        numbered.track,
        numbered.department,
        numbered.post_name,
        numbered.post_family,
        numbered.staff_no = people.staff_no as is_primary_number,
        numbered.holder_count > 1 as is_ambiguous,
        people.is_on_duty as is_person_on_duty

    from numbered
    inner join people
        on
            numbered.center_id = people.center_id
            and numbered.person_id = people.person_id
    where numbered.number_rank = 1

)

select * from final

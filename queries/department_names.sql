-- The center's departments, from the people of both employment tracks.
with

people as (

    select * from people

),

final as (

    select
        department,
        count(*) as person_count

    from people
    where department is not null
    group by department

)

select * from final
order by department

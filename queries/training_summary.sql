-- Training of each track in each year: people, programs, hours, mentor pairs.
with

training_summary as (

    select * from training_summary

),

final as (

    select
        center_id,
        year,
        track,
        trainee_count,
        program_count,
        session_count,
        training_hours,
        headcount,
        hours_per_person,
        mentor_pair_count

    from training_summary

)

select * from final
order by center_id, year, track
